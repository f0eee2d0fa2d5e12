package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.model.ViewElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Views: the pruned content tree, binding numbering and one test per validation rule. */
class ViewReaderTest {
    static final String FILE = "areas/Plant/Overview.view.svg";

    @TempDir
    Path root;

    private ProjectFixture withView(String svg) { return new ProjectFixture(root).file(FILE, svg); }

    private View load(String svg) {
        return withView(svg).load().project().root().children().getFirst().views().getFirst();
    }

    @Test
    void prunesTheTreeToBoundElementsAndTheirAncestors() {
        View view = load("""
                <svg xmlns="http://www.w3.org/2000/svg">
                  <title>Plant overview</title>
                  <rect id="background"/>
                  <g id="supply">
                    <circle/>
                    <text id="t1" data-vakt-bind="*AHU1.GT11" data-vakt-format="0.0">--</text>
                    <g><text id="sp" data-vakt-bind="*AHU1.GT11_SP" data-vakt-writable="true"
                             data-vakt-read-access="operator" data-vakt-write-access="Service" data-vakt-unit="K"/></g>
                  </g>
                  <text id="sec" data-vakt-bind="AHU1.QSystem.Sec"/>
                </svg>
                """);

        assertThat(view.name()).isEqualTo("Overview");
        assertThat(view.title()).isEqualTo("Plant overview");
        assertThat(view.elements()).extracting(ViewElement::type).containsExactly("g", "text");
        ViewElement supply = view.elements().getFirst();
        assertThat(supply.attributes()).containsExactly(java.util.Map.entry("Id", "supply"));
        assertThat(supply.children()).extracting(ViewElement::type).containsExactly("text", "g");
        ViewElement t1 = supply.children().getFirst();
        assertThat(t1.attributes().keySet()).containsExactly("Id", "Variable", "Format", "Unit");
        assertThat(t1.attributes()).containsEntry("Variable", "((undefined))").containsEntry("Format", "0.0")
                .containsEntry("Unit", "°C");
        assertThat(supply.children().get(1).attributes()).containsEntry("Id", "");

        List<ViewBinding> bindings = view.bindings();
        assertThat(bindings).extracting(ViewBinding::childPath)
                .containsExactly(List.of(0, 0), List.of(0, 1, 0), List.of(1));
        assertThat(bindings).extracting(ViewBinding::attributeIndex).containsOnly(1);
        ViewBinding setpoint = bindings.get(1);
        assertThat(setpoint.writable()).isTrue();
        assertThat(setpoint.readAccess()).isEqualTo(AccessLevel.Operator);
        assertThat(setpoint.writeAccess()).isEqualTo(AccessLevel.Service);
        assertThat(setpoint.source().toString()).isEqualTo(FILE + ":8");
        assertThat(supply.children().get(1).children().getFirst().attributes()).containsEntry("Unit", "K");
        assertThat(bindings.get(2).binding().bound()).isFalse();
        assertThat(view.advised()).hasSize(3);
    }

    @Test
    void titleMayComeFromAnAttribute() {
        assertThat(load("<svg xmlns=\"http://www.w3.org/2000/svg\" data-vakt-title=\"Boiler\"><title>x</title></svg>").title())
                .isEqualTo("Boiler");
    }

    @Test
    void rejectsADoctype() {
        assertThat(withView("""
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
                """).errors()).contains(FILE + ":2: DOCTYPE declarations are not allowed in views");
    }

    @Test
    void rejectsMalformedXmlNamingTheLine() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <g>\n</svg>\n").errors())
                .contains(FILE + ":3: malformed SVG: ");
    }

    @Test
    void rejectsARootOtherThanSvg() {
        assertThat(withView("<html/>").errors()).contains(FILE + ":1: the root element must be <svg>, not <html>");
    }

    @Test
    void rejectsAnSvgOutsideTheSvgNamespace() {
        assertThat(withView("<?xml version=\"1.0\"?>\n<svg viewBox=\"0 0 10 10\"/>").errors())
                .contains(FILE + ":2: the <svg> element needs xmlns=\"http://www.w3.org/2000/svg\": without it browsers draw nothing");
        assertThat(withView("<svg xmlns=\"http://www.w3.org/1999/xhtml\"/>").errors())
                .contains(FILE + ":1: the <svg> element needs xmlns=");
    }

    @Test
    void rejectsABindingToAnUnknownPointNamingTheLine() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n\n  <text data-vakt-bind=\"*AHU1.GT99\"/>\n</svg>").errors())
                .contains(FILE + ":3: controller AHU1 has no point \"GT99\"");
    }

    @Test
    void rejectsABindingToAnUnknownController() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text data-vakt-bind=\"*AHU9.GT11\"/>\n</svg>").errors())
                .contains(FILE + ":2: unknown controller \"AHU9\" in data-vakt-bind \"*AHU9.GT11\"");
    }

    @Test
    void rejectsWritableOnAPointThatIsNotWritable() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text data-vakt-bind=\"*AHU1.GT11\" data-vakt-writable=\"true\"/>\n</svg>").errors())
                .contains(FILE + ":2: data-vakt-writable=\"true\", but point AHU1.GT11 is not writable");
    }

    @Test
    void rejectsAWritableThatIsNoBoolean() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text data-vakt-bind=\"*AHU1.GT11_SP\" data-vakt-writable=\"sometimes\"/>\n</svg>").errors())
                .contains(FILE + ":2: data-vakt-writable must be true or false, not \"sometimes\"");
    }

    @Test
    void rejectsAnUnknownAccessLevel() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text data-vakt-bind=\"*AHU1.GT11\" data-vakt-read-access=\"Gust\"/>\n</svg>").errors())
                .contains(FILE + ":2: unknown access level \"Gust\"");
    }

    @Test
    void rejectsUnknownVaktAttributes() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text data-vakt-bnid=\"*AHU1.GT11\"/>\n</svg>").errors())
                .contains(FILE + ":2: unknown attribute data-vakt-bnid (did you mean \"data-vakt-bind\"?)");
    }

    @Test
    void rejectsBindingTheRootElement() {
        assertThat(withView("<svg xmlns=\"http://www.w3.org/2000/svg\" data-vakt-bind=\"*AHU1.GT11\"/>").errors())
                .contains(FILE + ":1: bind child elements of <svg>, not the <svg> element itself");
    }

    @Test
    void warnsWhenReadAccessIsAboveWriteAccess() {
        LoadedProject loaded = withView("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <text data-vakt-bind=\"*AHU1.GT11_SP\" "
                + "data-vakt-writable=\"true\" data-vakt-read-access=\"Admin\"/>\n</svg>").load();
        assertThat(loaded.warnings()).singleElement().asString()
                .startsWith(FILE + ":2: read access Admin is above write access Operator");
    }

    @Test
    void rejectsElementsNestedDeeperThan64Levels() {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n" + "<g>".repeat(80) + "</g>".repeat(80) + "</svg>";
        assertThat(withView(svg).errors()).contains(FILE + ":2: elements nested deeper than 64 levels");
    }
}
