package io.vakt.core.project;

import io.vakt.core.project.ViewRules.Between;
import io.vakt.core.project.ViewRules.ColourRule;
import io.vakt.core.project.ViewRules.Compare;
import io.vakt.core.project.ViewRules.Condition;
import io.vakt.core.project.ViewRules.Entry;
import io.vakt.core.project.ViewRules.Keys;
import io.vakt.core.project.ViewRules.Operator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rule languages of view attributes: what parses, what each rule means, and every error message. */
class ViewRulesTest {

    // ---- value maps (states, texts) ------------------------------------------------------------------------

    @Test
    void statesMapNumbersToNames() throws Exception {
        assertThat(ViewRules.states("0=off; 1 = on ;-2.5=low_limit", Keys.NUMBERS))
                .containsExactly(new Entry("0", "off"), new Entry("1", "on"), new Entry("-2.5", "low_limit"));
    }

    @Test
    void textsMayHoldAnythingButASemicolonEvenEqualsSignsOrNothing() throws Exception {
        assertThat(ViewRules.texts("0=Off;1=Auto (a=b);2=", Keys.NUMBERS))
                .containsExactly(new Entry("0", "Off"), new Entry("1", "Auto (a=b)"), new Entry("2", ""));
    }

    @Test
    void stringPointsUseWordsAsKeysComparedAsText() throws Exception {
        assertThat(ViewRules.texts("auto=Automatic;LB01=Unit 1;Lb01=other;1=one;ab-c_d=x", Keys.WORDS)).hasSize(5);
        assertThat(ViewRules.states("back=back;2=two", Keys.EITHER)).containsExactly(new Entry("back", "back"),
                new Entry("2", "two"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "on              | \"on\" is not value=name, e.g. 0=off;1=on",
            "0=is on         | \"0=is on\": \"is on\" is not a state name (use letters, digits, _ and -)",
            "0=              | \"0=\": \"\" is not a state name (use letters, digits, _ and -)",
            "x=on            | \"x=on\": x is not a number",
            "1e3=on          | \"1e3=on\": 1e3 is not a number",
            "=on             | \"=on\": the value before = is missing",
            "1=a;1.0=b       | \"1.0=b\": the value 1.0 is already mapped by \"1=a\"",
            "0=off;;1=on     | empty entry (two ';' in a row, or a ';' at the end)",
            "0=off;1=on;     | empty entry (two ';' in a row, or a ';' at the end)",
    })
    void badStatesSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ViewRules.states(text, Keys.NUMBERS)).hasMessage(message);
    }

    @Test
    void badTextsAndWordKeysSayWhatIsWrong() {
        assertThatThrownBy(() -> ViewRules.texts("Running", Keys.NUMBERS))
                .hasMessage("\"Running\" is not value=text, e.g. 0=Stopped;1=Running");
        assertThatThrownBy(() -> ViewRules.texts("a b=x", Keys.WORDS))
                .hasMessage("\"a b=x\": \"a b\" is not a number or a single word (letters, digits, _ and -)");
        assertThatThrownBy(() -> ViewRules.texts("åter=x", Keys.EITHER))
                .hasMessage("\"åter=x\": \"åter\" is not a number or a single word (letters, digits, _ and -)");
        assertThatThrownBy(() -> ViewRules.texts("1=a;1.0=b", Keys.WORDS))
                .as("the browser compares numeric keys as numbers even for string points")
                .hasMessage("\"1.0=b\": the value 1.0 is already mapped by \"1=a\"");
        assertThatThrownBy(() -> ViewRules.texts("a=x;a=y", Keys.WORDS))
                .hasMessage("\"a=y\": the value a is already mapped by \"a=x\"");
    }

    // ---- conditions ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<18      | 17.9 | 18",
            "<=18     | 18   | 18.1",
            ">24      | 24.5 | 24",
            ">=24     | 24   | 23.99",
            "=1       | 1    | 0",
            "= 1.0    | 1    | 1.01",
            "!=0      | 1    | 0",
            "18..24   | 18   | 24.01",
            "18..24   | 24   | 17.99",
            "-5..-1   | -3   | 0",
            "< -2.5   | -3   | -2.5",
    })
    void conditionsMatchAsDocumented(String text, double matching, double notMatching) throws Exception {
        Condition condition = ViewRules.condition(text.strip(), text);
        assertThat(condition.matches(matching)).as("%s matches %s", text, matching).isTrue();
        assertThat(condition.matches(notMatching)).as("%s matches %s", text, notMatching).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "~5       | \"~5\": \"~5\" is not a condition (use <N, <=N, >N, >=N, =N, !=N or N..M)",
            "5        | \"5\": \"5\" is not a condition (use <N, <=N, >N, >=N, =N, !=N or N..M)",
            "<x       | \"<x\": x is not a number",
            "<        | \"<\": a number is missing",
            "==1      | \"==1\": =1 is not a number",
            "1...2    | \"1...2\": .2 is not a number",
            "..4      | \"..4\": a number is missing",
            "24..18   | \"24..18\": 24 is above 18 (write the lower number first)",
    })
    void badConditionsSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ViewRules.conditions(text)).hasMessage(message);
    }

    @Test
    void visibleTakesSeveralConditions() throws Exception {
        assertThat(ViewRules.conditions(">0; =1")).containsExactly(new Compare(Operator.GREATER, 0),
                new Compare(Operator.EQUAL, 1));
        assertThat(ViewRules.conditions("1..3")).containsExactly(new Between(1, 3));
    }

    /**
     * Seeded property: any condition written with the grammar parses back to itself, and its meaning is the
     * comparison it spells, for values around its numbers.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711, 20240601})
    void writtenConditionsParseToWhatTheySay(long seed) throws Exception {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            double n = Math.round((random.nextDouble() * 200 - 100) * 100) / 100.0;
            String number = plain(n);
            double probe = n + (random.nextInt(5) - 2) * 0.01 * (random.nextBoolean() ? 1 : 100);
            if (random.nextInt(7) == 0) {
                double m = Double.parseDouble(plain(n + Math.round(random.nextDouble() * 5000) / 100.0));
                Condition range = ViewRules.condition(number + ".." + plain(m), "");
                assertThat(range).isEqualTo(new Between(n, m));
                assertThat(range.matches(probe)).isEqualTo(probe >= n && probe <= m);
                continue;
            }
            Operator operator = Operator.values()[random.nextInt(Operator.values().length)];
            Condition condition = ViewRules.condition(operator.symbol + number, "");
            assertThat(condition).as("%s%s", operator.symbol, number).isEqualTo(new Compare(operator, n));
            boolean expected = switch (operator) {
                case LESS -> probe < n;
                case LESS_OR_EQUAL -> probe <= n;
                case GREATER -> probe > n;
                case GREATER_OR_EQUAL -> probe >= n;
                case EQUAL -> probe == n;
                case NOT_EQUAL -> probe != n;
            };
            assertThat(condition.matches(probe)).as("%s%s on %s", operator.symbol, number, probe).isEqualTo(expected);
        }
    }

    /** Seeded property: a rule with one character replaced by junk is either still valid or an error, never a crash. */
    @ParameterizedTest
    @ValueSource(longs = {7, 99, 12345})
    void mangledRulesFailWithAMessageNotAnException(long seed) {
        Random random = new Random(seed);
        String rule = "<18:#2563eb;18..24:green;>=30:#dc2626cc;none";
        String junk = "<>=!.:;#-x 9é";
        for (int i = 0; i < 500; i++) {
            char[] chars = rule.toCharArray();
            chars[random.nextInt(chars.length)] = junk.charAt(random.nextInt(junk.length()));
            String mangled = new String(chars);
            try {
                ViewRules.colours(mangled);
            } catch (ViewRules.Invalid e) {
                assertThat(e.getMessage()).as(mangled).isNotBlank();
            }
        }
    }

    // ---- colour rules ----------------------------------------------------------------------------------------

    @Test
    void colourRulesKeepTheirOrderAndAnOptionalDefaultLast() throws Exception {
        List<ColourRule> rules = ViewRules.colours("<18:#2563eb; 18..24 : #16a34a ;#DC2626");
        assertThat(rules).containsExactly(new ColourRule(new Compare(Operator.LESS, 18), "#2563eb"),
                new ColourRule(new Between(18, 24), "#16a34a"), new ColourRule(null, "#DC2626"));
        assertThat(rules.getLast().isDefault()).isTrue();
        assertThat(ViewRules.colours("=1:Green;=0:none")).extracting(ColourRule::colour).containsExactly("Green", "none");
        assertThat(ViewRules.colours("steelblue")).containsExactly(new ColourRule(null, "steelblue"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#abc", "#AABBCC", "#aabbcc80", "none", "NONE", "red", "RebeccaPurple", "transparent",
            "currentColor"})
    void theseAreColours(String colour) throws Exception {
        assertThat(ViewRules.colour(colour, colour)).isEqualTo(colour);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "<5:#ggg        | \"<5:#ggg\": \"#ggg\" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none)",
            "<5:#abcd       | \"<5:#abcd\": \"#abcd\" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none)",
            "<5:rgb(1,2,3)  | \"<5:rgb(1,2,3)\": \"rgb(1,2,3)\" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none)",
            "<5:            | \"<5:\": \"\" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none)",
            "<5:gren        | \"<5:gren\": \"gren\" is not a CSS colour name (did you mean \"green\"?)",
            "<5:qqqqqq      | \"<5:qqqqqq\": \"qqqqqq\" is not a CSS colour name (use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none)",
            "<x:#fff        | \"<x:#fff\": x is not a number",
            "#fff;<5:red    | \"#fff\": a colour without a condition is the default and must come last",
            "<5:red:blue    | \"<5:red:blue\": \"red:blue\" is not a colour (use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none)",
            "hot:red        | \"hot:red\": \"hot\" is not a condition (use <N, <=N, >N, >=N, =N, !=N or N..M)",
            "<5:red;        | empty entry (two ';' in a row, or a ';' at the end)",
    })
    void badColourRulesSayWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> ViewRules.colours(text)).hasMessage(message);
    }

    // ---- number formats --------------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"0, 0", "0.0, 1", "0.00, 2", "' 0.000000 ', 6", "'', -1"})
    void formatsGiveTheirDecimals(String format, int decimals) throws Exception {
        assertThat(ViewRules.decimals(format)).isEqualTo(decimals);
    }

    @Test
    void badFormatsSayWhatIsWrong() {
        assertThatThrownBy(() -> ViewRules.decimals("0.0.0"))
                .hasMessage("\"0.0.0\" is not a number format (use 0, 0.0, 0.00 and so on, or leave it empty)");
        assertThatThrownBy(() -> ViewRules.decimals("#.##"))
                .hasMessage("\"#.##\" is not a number format (use 0, 0.0, 0.00 and so on, or leave it empty)");
        assertThatThrownBy(() -> ViewRules.decimals("0.0000000")).hasMessage("\"0.0000000\" has 7 decimals; at most 6");
    }

    /** Numbers as a site engineer writes them: no exponent, no trailing zeros beyond what is needed. */
    private static String plain(double n) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", n)).stripTrailingZeros().toPlainString();
    }
}
