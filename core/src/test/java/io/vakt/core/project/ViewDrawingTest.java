package io.vakt.core.project;

import io.vakt.core.model.Area;
import io.vakt.core.model.View;
import io.vakt.core.model.ViewBinding;
import io.vakt.core.simulator.SimulatorDriverFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The drawing browsers receive: what the server removes, what it keeps, and the data-vakt-advise numbering. */
class ViewDrawingTest {
    private static final String OPEN = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">";

    @TempDir
    Path root;

    private static String draw(String body) { return ViewDrawing.of(OPEN + body + "</svg>"); }

    /** The drawing parsed again: whatever the server writes must be well-formed XML. */
    private static Document parse(String drawing) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(drawing)));
    }

    @Test
    void keepsTheSvgItsNamespacesAndTheVaktAttributes() {
        String drawing = draw("<g id=\"a\" class=\"x\"><text data-vakt-format=\"0.0\" data-vakt-fill=\"=1:red\">t</text></g>");
        assertThat(drawing).isEqualTo(OPEN + "<g id=\"a\" class=\"x\"><text data-vakt-format=\"0.0\" "
                + "data-vakt-fill=\"=1:red\">t</text></g></svg>");
    }

    @Test
    void removesScriptsAndForeignObjectsWithEverythingInside() {
        String drawing = draw("<script>alert(1)</script><g><foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">"
                + "<b>x</b></div></foreignObject><rect/></g><SCRIPT type=\"x\"><![CDATA[steal()]]></SCRIPT>");
        assertThat(drawing).isEqualTo(OPEN + "<g><rect></rect></g></svg>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<iframe src=\"#x\"/>", "<embed src=\"#x\"/>", "<object data=\"x.svg\"/>",
            "<h:form xmlns:h=\"http://www.w3.org/1999/xhtml\" action=\"http://evil.example/\"><h:input name=\"p\"/></h:form>",
            "<h:meta xmlns:h=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\" content=\"0;url=http://evil.example/\"/>",
            "<meta http-equiv=\"refresh\" content=\"0\"/>", "<base href=\"#x\"/>",
            "<sodipodi:namedview xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\"/>",
            "<a><set attributeName=\"href\" to=\"javascript:alert(1)\"/></a>",
            "<a><animate attributeName=\"xlink:href\" values=\"javascript:alert(1)\"/></a>",
            "<rect><set attributeName=\"onclick\" to=\"alert(1)\"/></rect>"})
    void removesElementsThatEmbedRunOrRedirect(String element) {
        String drawing = draw(element);
        assertThat(drawing).doesNotContain("iframe", "embed", "object", "form", "meta", "base", "namedview",
                "<set", "<animate", "javascript", "evil");
    }

    @Test
    void keepsHarmlessAnimations() {
        assertThat(draw("<rect><animate attributeName=\"opacity\" values=\"0;1\" dur=\"1s\"/></rect>"))
                .contains("<animate attributeName=\"opacity\" values=\"0;1\" dur=\"1s\"></animate>");
    }

    @Test
    void removesEventHandlersInAnyCase() {
        String drawing = draw("<rect onclick=\"a()\" ONLOAD=\"b()\" onMouseOver=\"c()\" width=\"5\" offset=\"1\"/>");
        assertThat(drawing).contains("<rect width=\"5\" offset=\"1\">").doesNotContain("a()", "b()", "c()");
    }

    @Test
    void keepsOnlyLinksInsideTheDrawingAndInlineImages() {
        String drawing = draw("<a href=\"javascript:alert(1)\"><text>1</text></a>"
                + "<a xlink:href=\" JavaScript:alert(2)\"/>"
                + "<a href=\"http://evil.example/\"/><image href=\"https://evil.example/x.png\"/>"
                + "<image href=\"data:text/html,&lt;script&gt;\"/>"
                + "<use href=\"#pump\"/><use xlink:href=\"#fan\"/>"
                + "<image href=\"data:image/png;base64,iVBORw0KGgo=\"/>"
                + "<g xml:base=\"http://evil.example/\"/>");
        assertThat(drawing).doesNotContain("javascript", "JavaScript", "evil", "data:text")
                .contains("<use href=\"#pump\">", "<use xlink:href=\"#fan\">",
                        "<image href=\"data:image/png;base64,iVBORw0KGgo=\">", "<a><text>1</text></a>", "<g></g>");
    }

    @Test
    void escapesTextAndAttributes() throws Exception {
        String drawing = draw("<text data-vakt-label=\"a &quot;b&quot; &lt;c&gt; &amp; d\">1 &lt; 2 &amp;&amp; \"x\" &gt; y</text>"
                + "<style><![CDATA[ g > text { fill: red } ]]></style>");
        assertThat(drawing).contains("data-vakt-label=\"a &quot;b&quot; &lt;c&gt; &amp; d\"",
                ">1 &lt; 2 &amp;&amp; \"x\" &gt; y</text>", "<style> g &gt; text { fill: red } </style>");
        Document parsed = parse(drawing);
        assertThat(parsed.getElementsByTagNameNS("*", "text").item(0).getTextContent()).isEqualTo("1 < 2 && \"x\" > y");
        assertThat(parsed.getElementsByTagNameNS("*", "style").item(0).getTextContent()).isEqualTo(" g > text { fill: red } ");
    }

    @Test
    void dropsCommentsProcessingInstructionsAndTheXmlDeclaration() {
        String drawing = ViewDrawing.of("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made by hand -->\n"
                + OPEN + "<?editor x?><!-- secret --><rect/></svg>");
        assertThat(drawing).isEqualTo(OPEN + "<rect></rect></svg>");
    }

    @Test
    void replacesAnAdviseMarkTheFileBroughtAlong() {
        assertThat(draw("<text data-vakt-advise=\"7\" data-vakt-bind=\"*AHU1.GT11\"/><text data-vakt-advise=\"3\"/>"))
                .isEqualTo(OPEN + "<text data-vakt-bind=\"*AHU1.GT11\" data-vakt-advise=\"0\"></text><text></text></svg>");
    }

    @Test
    void countsBindingsInRemovedElementsSoTheNumbersStayTheAdviseIndexes() {
        assertThat(draw("<foreignObject><g data-vakt-bind=\"*A.B\"/></foreignObject><text data-vakt-bind=\"*A.C\"/>"))
                .contains("<text data-vakt-bind=\"*A.C\" data-vakt-advise=\"1\">");
    }

    @Test
    void refusesWhatIsNotWellFormed() {
        assertThatThrownBy(() -> ViewDrawing.of("<svg><g></svg>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the view is not well-formed SVG: ");
    }

    @Test
    void adviseNumbersFollowTheBindingOrderOfTheLoaderWithNestedBoundElements() throws Exception {
        View view = new ProjectFixture(root).file("areas/Plant/Overview.view.svg", """
                <svg xmlns="http://www.w3.org/2000/svg">
                  <rect/>
                  <g data-vakt-bind="*AHU1.GT11_SP">
                    <g><text data-vakt-bind="*AHU1.GT11"/></g>
                    <g data-vakt-bind="AHU1.QSystem.Sec"><text data-vakt-bind="*AHU1.GT11"/></g>
                  </g>
                  <text data-vakt-bind="*AHU1.QSystem.Sec"/>
                  <g><g><g><circle data-vakt-bind="*AHU1.GT11_SP"/></g></g></g>
                </svg>
                """).load().project().root().children().getFirst().views().getFirst();
        assertThat(view.bindings()).hasSize(6);
        assertDrawingMatchesBindings(view);
    }

    @Test
    void everyDemoViewsDrawingMarksItsBindingsInAdviseOrder() throws Exception {
        var project = new ProjectLoader(Map.of("simulator", new SimulatorDriverFactory())).loadDemo().project();
        List<View> views = areas(project.root()).flatMap(area -> area.views().stream()).toList();
        assertThat(views).hasSizeGreaterThanOrEqualTo(2);
        for (View view : views) assertDrawingMatchesBindings(view);
    }

    private static void assertDrawingMatchesBindings(View view) throws Exception {
        Document drawing = parse(ViewDrawing.of(view.svg()));
        NodeList all = drawing.getElementsByTagNameNS("*", "*");
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < all.getLength(); i++) {
            Element element = (Element) all.item(i);
            if (!element.hasAttribute("data-vakt-advise")) continue;
            assertThat(element.getAttribute("data-vakt-advise")).as(view.name()).isEqualTo(Integer.toString(marked.size()));
            marked.add(element.getAttribute("data-vakt-bind"));
        }
        assertThat(marked).as("bindings of %s in drawing order", view.name())
                .containsExactlyElementsOf(view.bindings().stream().map(ViewBinding::binding).map(Object::toString).toList());
    }

    private static Stream<Area> areas(Area area) {
        return Stream.concat(Stream.of(area), area.children().stream().flatMap(ViewDrawingTest::areas));
    }
}
