package io.vakt.core.project;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The display and button attributes of views ({@code docs/views.md}): where each may sit and every error a site
 * engineer can get from them, with its line.
 */
class ViewAttributesTest {
    static final String FILE = "areas/Plant/Overview.view.svg";
    static final String CODE = "areas/Plant/Overview.ssf.js";
    static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n";
    /** The fixture's AHU1 plus a digital and a string point. */
    static final String AHU1 = ProjectFixture.AHU1 + """
              - address: TF1
                type: digital
              - address: UNIT_NAME
                type: string
                initial: LB01
            """;

    @TempDir
    Path root;

    private ProjectFixture project(String body) {
        return new ProjectFixture(root).file("controllers/AHU1.yaml", AHU1).file(FILE, SVG + body + "\n</svg>\n");
    }

    private ProjectFixture withCode(String body) {
        return project(body).file(CODE, """
                function reset(kwargs) { return kwargs; }
                async function selfCheck() { return 1; }
                const refresh = () => 2;
                return { reset, selfCheck, refresh };
                """);
    }

    /** The errors of a view whose second line is {@code body}; each should name line 2. */
    private String errors(String body) { return project(body).errors(); }

    @Test
    void aViewUsingEveryAttributeLoadsCleanly() {
        LoadedProject loaded = withCode("""
                <g data-vakt-bind="*AHU1.TF1" data-vakt-states="0=stopped;1=running" data-vakt-texts="0=Off;1=On">
                  <circle r="5" data-vakt-fill="=1:#16a34a;#9ca3af" data-vakt-stroke="=1:green"/>
                  <text data-vakt-visible="=1">running</text>
                  <text data-vakt-bind="*AHU1.GT11" data-vakt-format="0.0" data-vakt-unit="none"
                        data-vakt-fill="&lt;18:#2563eb;18..24:#16a34a;#dc2626" data-vakt-visible="&gt;-50;=0"/>
                </g>
                <text data-vakt-bind="*AHU1.GT11_SP" data-vakt-writable="true" data-vakt-write-access="Operator"
                      data-vakt-read-access="Guest" data-vakt-format="0">--</text>
                <text data-vakt-bind="*AHU1.UNIT_NAME" data-vakt-texts="LB01=Unit 1;LB02=Unit 2" data-vakt-fill="red"/>
                <g data-vakt-call="reset" data-vakt-args='{"value": 19}' data-vakt-confirm="Reset the setpoint?"
                   data-vakt-label="Reset setpoint"><rect width="10" height="5"/><text>Reset</text></g>
                <text data-vakt-call="selfCheck">Check</text>
                <text data-vakt-call="refresh" data-vakt-args="{}">Refresh</text>
                """).load();
        assertThat(loaded.warnings()).isEmpty();
        var view = loaded.project().root().children().getFirst().views().getFirst();
        assertThat(view.bindings()).hasSize(4);
        assertThat(view.elements().getFirst().children().getFirst().attributes()).containsEntry("Unit", "");
    }

    /** The complete example of docs/views.md §9 loads against the demo's heating controller, without warnings. */
    @Test
    void theExampleInTheDocsLoads() throws Exception {
        String doc = Files.readString(Path.of("../docs/views.md"));
        String example = doc.substring(doc.indexOf("## 9. A complete example"), doc.indexOf("## 10. Errors"));
        String svg = block(example, "```xml\n");
        String code = block(example, "```js\n");
        String heating;
        try (var in = ProjectLoader.class.getClassLoader().getResourceAsStream("vakt-demo/controllers/HC1.yaml")) {
            heating = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        LoadedProject loaded = new ProjectFixture(root).file("controllers/HC1.yaml", heating)
                .file("areas/Plant/Heating.view.svg", svg).file("areas/Plant/Heating.ssf.js", code).load();
        assertThat(loaded.warnings()).isEmpty();
        var view = loaded.project().root().children().getFirst().views().getFirst();
        assertThat(view.title()).isEqualTo("Heating circuit VS01");
        assertThat(view.bindings()).hasSize(3);
    }

    private static String block(String text, String fence) {
        int start = text.indexOf(fence) + fence.length();
        return text.substring(start, text.indexOf("```", start));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data-vakt-writable=\"true\"", "data-vakt-read-access=\"Guest\"",
            "data-vakt-write-access=\"Operator\"", "data-vakt-format=\"0.0\"", "data-vakt-unit=\"°C\"",
            "data-vakt-states=\"0=off\"", "data-vakt-texts=\"0=Off\""})
    void attributesOfABindingNeedTheBindingOnTheSameElement(String attribute) {
        String name = attribute.substring(0, attribute.indexOf('='));
        assertThat(errors("<g data-vakt-bind=\"*AHU1.GT11\"><text " + attribute + "/></g>"))
                .contains(FILE + ":2: " + name + " needs data-vakt-bind on the same element");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data-vakt-fill", "data-vakt-stroke", "data-vakt-visible"})
    void valueRulesNeedABoundElementOrABoundAncestor(String name) {
        assertThat(errors("<g><rect " + name + "=\"=1\"/></g>")).contains(FILE + ":2: " + name
                + " needs a bound element: put it on an element with data-vakt-bind or inside one");
    }

    @Test
    void valueRulesInsideABoundElementUseTheNearestBoundAncestor() {
        // the string point is the nearest bound ancestor here, so comparing numbers is an error
        assertThat(errors("""
                <g data-vakt-bind="*AHU1.GT11"><g data-vakt-bind="*AHU1.UNIT_NAME">
                  <rect data-vakt-fill="&gt;1:red"/></g></g>"""))
                .contains(FILE + ":3: data-vakt-fill compares numbers, but point UNIT_NAME holds text");
        assertThat(project("<g data-vakt-bind=\"*AHU1.UNIT_NAME\"><g data-vakt-bind=\"*AHU1.GT11\">"
                + "<rect data-vakt-fill=\"&gt;1:red\"/></g></g>").load().warnings()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "data-vakt-states=\"on\"              | data-vakt-states: \"on\" is not value=name, e.g. 0=off;1=on",
            "data-vakt-states=\"0=is on\"         | data-vakt-states: \"0=is on\": \"is on\" is not a state name (use letters, digits, _ and -)",
            "data-vakt-states=\"x=on\"            | data-vakt-states: \"x=on\": x is not a number",
            "data-vakt-texts=\"Running\"          | data-vakt-texts: \"Running\" is not value=text, e.g. 0=Stopped;1=Running",
            "data-vakt-texts=\"1=a;1.0=b\"        | data-vakt-texts: \"1.0=b\": the value 1.0 is already mapped by \"1=a\"",
            "data-vakt-fill=\"&lt;x:#fff\"        | data-vakt-fill: \"<x:#fff\": x is not a number",
            "data-vakt-stroke=\"&lt;5:gren\"      | data-vakt-stroke: \"<5:gren\": \"gren\" is not a CSS colour name (did you mean \"green\"?)",
            "data-vakt-fill=\"#fff;&lt;5:red\"    | data-vakt-fill: \"#fff\": a colour without a condition is the default and must come last",
            "data-vakt-visible=\"on\"             | data-vakt-visible: \"on\": \"on\" is not a condition (use <N, <=N, >N, >=N, =N, !=N or N..M)",
            "data-vakt-visible=\"24..18\"         | data-vakt-visible: \"24..18\": 24 is above 18 (write the lower number first)",
            "data-vakt-visible=\"=1;\"            | data-vakt-visible: empty entry (two ';' in a row, or a ';' at the end)",
            "data-vakt-format=\"0,0\"             | data-vakt-format: \"0,0\" is not a number format (use 0, 0.0, 0.00 and so on, or leave it empty)",
            "data-vakt-format=\"0.0000000\"       | data-vakt-format: \"0.0000000\" has 7 decimals; at most 6",
    })
    void badRulesAreErrorsNamingTheAttributeAndLine(String attribute, String message) {
        assertThat(errors("<text data-vakt-bind=\"*AHU1.GT11\" " + attribute + "/>")).contains(FILE + ":2: " + message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data-vakt-states", "data-vakt-texts", "data-vakt-fill", "data-vakt-stroke",
            "data-vakt-visible"})
    void emptyRulesAreErrors(String name) {
        assertThat(errors("<text data-vakt-bind=\"*AHU1.GT11\" " + name + "=\" \"/>")).contains(FILE + ":2: " + name + " is empty");
    }

    @Test
    void keysOfStringPointsAreWords() {
        assertThat(errors("<text data-vakt-bind=\"*AHU1.UNIT_NAME\" data-vakt-texts=\"LB 01=x\"/>"))
                .contains(FILE + ":2: data-vakt-texts: \"LB 01=x\": \"LB 01\" is not a number or a single word (letters, digits, _ and -)");
    }

    @Test
    void rulesOfABindingWithAnErrorAreStillChecked() {
        assertThat(errors("<text data-vakt-bind=\"*AHU1.GT99\" data-vakt-states=\"a b=on\"/>"))
                .contains(FILE + ":2: controller AHU1 has no point \"GT99\"")
                .contains(FILE + ":2: data-vakt-states: \"a b=on\": \"a b\" is not a number or a single word");
    }

    @Test
    void theTitleBelongsOnTheSvgElement() {
        assertThat(errors("<g data-vakt-title=\"Boiler\"/>"))
                .contains(FILE + ":2: data-vakt-title belongs on the <svg> element (it names the view)");
    }

    @Test
    void attributesOnOrInsideRemovedElementsAreErrors() {
        String message = ", which the server removes from drawings (scripts, foreignObject, HTML and other non-SVG "
                + "elements): browsers would never see it";
        assertThat(errors("<foreignObject><text data-vakt-bind=\"*AHU1.GT11\"/></foreignObject>"))
                .contains(FILE + ":2: data-vakt-bind is inside <foreignObject>" + message);
        assertThat(errors("<script data-vakt-call=\"reset\"></script>"))
                .contains(FILE + ":2: data-vakt-call is on <script>" + message);
        assertThat(errors("<h:div xmlns:h=\"http://www.w3.org/1999/xhtml\" data-vakt-bind=\"*AHU1.GT11\"/>"))
                .contains(FILE + ":2: data-vakt-bind is on <h:div>" + message);
    }

    // ---- buttons ---------------------------------------------------------------------------------------------

    @Test
    void aCallNeedsAFunctionName() {
        assertThat(withCode("<text data-vakt-call=\"1st\">x</text>").errors())
                .contains(FILE + ":2: data-vakt-call \"1st\" is not a function name");
        assertThat(withCode("<text data-vakt-call=\"\">x</text>").errors()).contains(FILE + ":2: data-vakt-call is empty");
    }

    @Test
    void aCallNeedsTheViewsCodeReportedOnce() {
        String errors = errors("<text data-vakt-call=\"reset\">x</text>\n<text data-vakt-call=\"reset\">y</text>");
        assertThat(errors).contains(FILE + ":2: data-vakt-call needs ServerSideFunction code for this view "
                + "(expected Overview.ssf.js)").doesNotContain(FILE + ":3:");
    }

    @Test
    void aViewNamedAreaCannotHaveCode() {
        String errors = new ProjectFixture(root).file("areas/Plant/area.view.svg",
                SVG + "<text data-vakt-call=\"reset\">x</text></svg>").file("areas/Plant/area.ssf.js", "return {};").errors();
        assertThat(errors).contains("areas/Plant/area.view.svg:2: data-vakt-call needs ServerSideFunction code for this "
                + "view, but a view named \"area\" cannot have any (area.ssf.js is the folder's code): rename the view");
    }

    @Test
    void theCodeFileMatchesTheViewIgnoringCase() {
        LoadedProject loaded = project("<text data-vakt-call=\"reset\">x</text>")
                .file("areas/Plant/overview.ssf.js", "function reset() {} return { reset };").load();
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void aFunctionTheCodeDoesNotNameIsAWarning() {
        LoadedProject loaded = withCode("<text data-vakt-call=\"selfChek\">x</text>").load();
        assertThat(loaded.warnings()).containsExactly(FILE + ":2: data-vakt-call \"selfChek\": " + CODE
                + " has no function of that name (did you mean \"selfCheck\"?)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data-vakt-args", "data-vakt-confirm"})
    void buttonAttributesNeedACallOnTheSameElement(String name) {
        assertThat(withCode("<g data-vakt-call=\"reset\"><text " + name + "=\"{}\"/></g>").errors())
                .contains(FILE + ":2: " + name + " needs data-vakt-call on the same element");
    }

    @Test
    void aLabelNamesAButtonOrABoundValue() {
        assertThat(withCode("<g data-vakt-call=\"reset\"><text data-vakt-label=\"Reset\"/></g>").errors())
                .contains(FILE + ":2: data-vakt-label needs data-vakt-bind or data-vakt-call on the same element");
        assertThat(withCode("<text data-vakt-bind=\"*AHU1.GT11_SP\" data-vakt-label=\"Supply setpoint\"/>").load()
                .warnings()).isEmpty();
        assertThat(withCode("<text data-vakt-bind=\"*AHU1.GT11_SP\" data-vakt-label=\"\"/>").errors())
                .contains(FILE + ":2: data-vakt-label is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data-vakt-confirm", "data-vakt-label"})
    void confirmAndLabelMustSaySomething(String name) {
        assertThat(withCode("<text data-vakt-call=\"reset\" " + name + "=\"  \">x</text>").errors())
                .contains(FILE + ":2: " + name + " is empty");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "[1, 2]    | an array",
            "20        | a number",
            "'\"x\"'   | a string",
            "true      | true",
            "false     | false",
            "null      | null",
    })
    void argsMustBeAJsonObject(String json, String kind) {
        assertThat(withCode("<text data-vakt-call=\"reset\" data-vakt-args='" + json + "'>x</text>").errors())
                .contains(FILE + ":2: data-vakt-args must be a JSON object, not " + kind + " (write e.g. {\"value\": 20})");
    }

    @Test
    void argsThatAreNoJsonSayWhy() {
        assertThat(withCode("<text data-vakt-call=\"reset\" data-vakt-args=\"{value: 20}\">x</text>").errors())
                .contains(FILE + ":2: data-vakt-args is not valid JSON: Unexpected character");
        assertThat(withCode("<text data-vakt-call=\"reset\" data-vakt-args='{\"a\": 1} x'>x</text>").errors())
                .contains(FILE + ":2: data-vakt-args is not valid JSON: ");
        assertThat(withCode("<text data-vakt-call=\"reset\" data-vakt-args=\"\">x</text>").errors())
                .contains(FILE + ":2: data-vakt-args must be a JSON object, not empty text (leave it out for no arguments)");
    }
}
