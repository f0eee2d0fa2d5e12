package io.vakt.core.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The small languages inside view attributes ({@code docs/views.md}): value maps ({@code data-vakt-states},
 * {@code data-vakt-texts}), conditions ({@code data-vakt-visible}), colour rules ({@code data-vakt-fill},
 * {@code data-vakt-stroke}) and number formats ({@code data-vakt-format}). The browser evaluates them; the loader
 * parses them here so a typo is a {@code file:line} error when the project loads instead of a picture that
 * silently stays grey. {@link Condition#matches} states the meaning the browser must implement.
 *
 * <p>Spaces around each part are ignored. Errors quote the rule as written, e.g. {@code "<x:#fff": x is not a
 * number}; the caller puts the attribute name in front.
 */
final class ViewRules {
    /** A number as written in rules: optional minus, digits, optionally a point and more digits. */
    static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    /** A state name becomes part of a CSS class ({@code vakt-state-<name>}), so only class-safe characters. */
    static final Pattern STATE_NAME = Pattern.compile("[A-Za-z0-9_-]+");
    /** A key for a string point: one word, as string points hold codes such as {@code LB01} or {@code auto}. */
    static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]+");
    static final Pattern HEX_COLOUR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})");
    static final Pattern FORMAT = Pattern.compile("0(\\.(0+))?");
    /** More decimals than any sensor resolves; the limit also keeps the browser's toFixed in its range. */
    static final int MAX_DECIMALS = 6;
    static final String CONDITIONS = "use <N, <=N, >N, >=N, =N, !=N or N..M";
    static final String COLOURS = "use #rgb, #rrggbb, #rrggbbaa, a CSS colour name or none";
    static final String EMPTY_ENTRY = "empty entry (two ';' in a row, or a ';' at the end)";

    /** The CSS named colours (CSS Color 4), lower case, plus {@code transparent} and {@code currentcolor}. */
    static final Set<String> COLOUR_NAMES = Set.of("aliceblue", "antiquewhite", "aqua", "aquamarine", "azure",
            "beige", "bisque", "black", "blanchedalmond", "blue", "blueviolet", "brown", "burlywood", "cadetblue",
            "chartreuse", "chocolate", "coral", "cornflowerblue", "cornsilk", "crimson", "cyan", "darkblue",
            "darkcyan", "darkgoldenrod", "darkgray", "darkgreen", "darkgrey", "darkkhaki", "darkmagenta",
            "darkolivegreen", "darkorange", "darkorchid", "darkred", "darksalmon", "darkseagreen", "darkslateblue",
            "darkslategray", "darkslategrey", "darkturquoise", "darkviolet", "deeppink", "deepskyblue", "dimgray",
            "dimgrey", "dodgerblue", "firebrick", "floralwhite", "forestgreen", "fuchsia", "gainsboro", "ghostwhite",
            "gold", "goldenrod", "gray", "green", "greenyellow", "grey", "honeydew", "hotpink", "indianred", "indigo",
            "ivory", "khaki", "lavender", "lavenderblush", "lawngreen", "lemonchiffon", "lightblue", "lightcoral",
            "lightcyan", "lightgoldenrodyellow", "lightgray", "lightgreen", "lightgrey", "lightpink", "lightsalmon",
            "lightseagreen", "lightskyblue", "lightslategray", "lightslategrey", "lightsteelblue", "lightyellow",
            "lime", "limegreen", "linen", "magenta", "maroon", "mediumaquamarine", "mediumblue", "mediumorchid",
            "mediumpurple", "mediumseagreen", "mediumslateblue", "mediumspringgreen", "mediumturquoise",
            "mediumvioletred", "midnightblue", "mintcream", "mistyrose", "moccasin", "navajowhite", "navy", "oldlace",
            "olive", "olivedrab", "orange", "orangered", "orchid", "palegoldenrod", "palegreen", "paleturquoise",
            "palevioletred", "papayawhip", "peachpuff", "peru", "pink", "plum", "powderblue", "purple",
            "rebeccapurple", "red", "rosybrown", "royalblue", "saddlebrown", "salmon", "sandybrown", "seagreen",
            "seashell", "sienna", "silver", "skyblue", "slateblue", "slategray", "slategrey", "snow", "springgreen",
            "steelblue", "tan", "teal", "thistle", "tomato", "turquoise", "violet", "wheat", "white", "whitesmoke",
            "yellow", "yellowgreen", "transparent", "currentcolor");

    private ViewRules() {}

    /** What a rule is wrong about; the message quotes the rule. */
    static final class Invalid extends Exception {
        Invalid(String message) { super(message, null, false, false); }
    }

    /** What the keys of a value map are compared with: the bound point's values. */
    enum Keys {
        /** numeric points (real, integer, digital): keys are numbers, equal as numbers ({@code 1} = {@code 1.0}) */
        NUMBERS,
        /** string points: keys are words (or numbers), equal as text unless both are numbers */
        WORDS,
        /** the point is unknown (its binding has its own error): numbers or words */
        EITHER
    }

    /** One {@code key=value} of a value map, both stripped. */
    record Entry(String key, String value) {}

    /** A condition on a value; {@link #matches} is what the browser evaluates. */
    sealed interface Condition permits Compare, Between {
        boolean matches(double value);
    }

    enum Operator {
        LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL("="), NOT_EQUAL("!=");

        final String symbol;

        Operator(String symbol) { this.symbol = symbol; }
    }

    /** {@code <N}, {@code <=N}, {@code >N}, {@code >=N}, {@code =N} or {@code !=N}. */
    record Compare(Operator operator, double number) implements Condition {
        @Override
        public boolean matches(double value) {
            return switch (operator) {
                case LESS -> value < number;
                case LESS_OR_EQUAL -> value <= number;
                case GREATER -> value > number;
                case GREATER_OR_EQUAL -> value >= number;
                case EQUAL -> value == number;
                case NOT_EQUAL -> value != number;
            };
        }
    }

    /** {@code N..M}: from N to M, both included. */
    record Between(double low, double high) implements Condition {
        @Override
        public boolean matches(double value) { return value >= low && value <= high; }
    }

    /** {@code condition:colour}, or a bare colour (condition null): the default, allowed only last. */
    record ColourRule(Condition condition, String colour) {
        boolean isDefault() { return condition == null; }
    }

    /** {@code data-vakt-states}: {@code 0=off;1=on}, names usable in a CSS class. */
    static List<Entry> states(String text, Keys keys) throws Invalid {
        List<Entry> entries = valueMap(text, keys, "value=name, e.g. 0=off;1=on");
        for (Entry entry : entries) {
            if (!STATE_NAME.matcher(entry.value()).matches()) {
                throw new Invalid(quote(entry) + ": \"" + entry.value()
                        + "\" is not a state name (use letters, digits, _ and -)");
            }
        }
        return entries;
    }

    /** {@code data-vakt-texts}: {@code 0=Stopped;1=Running}; a text may be anything but {@code ;}, even empty. */
    static List<Entry> texts(String text, Keys keys) throws Invalid {
        return valueMap(text, keys, "value=text, e.g. 0=Stopped;1=Running");
    }

    /** {@code data-vakt-fill}/{@code -stroke}: {@code <18:#2563eb;18..24:green;#dc2626}; first match wins. */
    static List<ColourRule> colours(String text) throws Invalid {
        List<ColourRule> rules = new ArrayList<>();
        List<String> parts = entries(text);
        for (int i = 0; i < parts.size(); i++) {
            String rule = parts.get(i);
            int colon = rule.indexOf(':');
            if (colon < 0) {
                // a bare colour: the default
                String colour = colour(rule, rule);
                if (i < parts.size() - 1) {
                    throw new Invalid("\"" + rule + "\": a colour without a condition is the default and must come last");
                }
                rules.add(new ColourRule(null, colour));
            } else {
                Condition condition = condition(rule.substring(0, colon).strip(), rule);
                rules.add(new ColourRule(condition, colour(rule.substring(colon + 1).strip(), rule)));
            }
        }
        return rules;
    }

    /** {@code data-vakt-visible}: conditions separated by {@code ;}; visible while any matches. */
    static List<Condition> conditions(String text) throws Invalid {
        List<Condition> conditions = new ArrayList<>();
        for (String part : entries(text)) conditions.add(condition(part, part));
        return conditions;
    }

    /** {@code data-vakt-format}: the number of decimals of {@code 0}, {@code 0.0}, {@code 0.00} …; -1 for empty. */
    static int decimals(String format) throws Invalid {
        String text = format.strip();
        if (text.isEmpty()) return -1;
        var matcher = FORMAT.matcher(text);
        if (!matcher.matches()) {
            throw new Invalid("\"" + text + "\" is not a number format (use 0, 0.0, 0.00 and so on, or leave it empty)");
        }
        int decimals = matcher.group(2) == null ? 0 : matcher.group(2).length();
        if (decimals > MAX_DECIMALS) {
            throw new Invalid("\"" + text + "\" has " + decimals + " decimals; at most " + MAX_DECIMALS);
        }
        return decimals;
    }

    /** A condition such as {@code >=18} or {@code 18..24}; {@code rule} is what errors quote. */
    static Condition condition(String text, String rule) throws Invalid {
        for (Operator operator : List.of(Operator.LESS_OR_EQUAL, Operator.GREATER_OR_EQUAL, Operator.NOT_EQUAL,
                Operator.LESS, Operator.GREATER, Operator.EQUAL)) {
            if (text.startsWith(operator.symbol)) {
                return new Compare(operator, number(text.substring(operator.symbol.length()).strip(), rule));
            }
        }
        int dots = text.indexOf("..");
        if (dots >= 0) {
            double low = number(text.substring(0, dots).strip(), rule);
            double high = number(text.substring(dots + 2).strip(), rule);
            if (low > high) {
                throw new Invalid("\"" + rule + "\": " + text.substring(0, dots).strip() + " is above "
                        + text.substring(dots + 2).strip() + " (write the lower number first)");
            }
            return new Between(low, high);
        }
        throw new Invalid("\"" + rule + "\": \"" + text + "\" is not a condition (" + CONDITIONS + ")");
    }

    /** A colour as written, checked: hex, a CSS colour name (any case) or {@code none}. */
    static String colour(String text, String rule) throws Invalid {
        if (HEX_COLOUR.matcher(text).matches() || text.equalsIgnoreCase("none")) return text;
        if (text.chars().allMatch(c -> c < 128 && Character.isLetter(c)) && !text.isEmpty()) {
            if (COLOUR_NAMES.contains(text.toLowerCase(Locale.ROOT))) return text;
            String hint = Suggestions.didYouMean(text, new TreeSet<>(COLOUR_NAMES));
            throw new Invalid("\"" + rule + "\": \"" + text + "\" is not a CSS colour name"
                    + (hint.isEmpty() ? " (" + COLOURS + ")" : hint));
        }
        throw new Invalid("\"" + rule + "\": \"" + text + "\" is not a colour (" + COLOURS + ")");
    }

    static double number(String text, String rule) throws Invalid {
        if (text.isEmpty()) throw new Invalid("\"" + rule + "\": a number is missing");
        if (!NUMBER.matcher(text).matches()) throw new Invalid("\"" + rule + "\": " + text + " is not a number");
        return Double.parseDouble(text);
    }

    private static List<Entry> valueMap(String text, Keys keys, String shape) throws Invalid {
        List<Entry> entries = new ArrayList<>();
        for (String part : entries(text)) {
            int equals = part.indexOf('=');
            if (equals < 0) throw new Invalid("\"" + part + "\" is not " + shape);
            Entry entry = new Entry(part.substring(0, equals).strip(), part.substring(equals + 1).strip());
            key(entry, keys);
            for (Entry earlier : entries) {
                if (sameKey(earlier.key(), entry.key())) {
                    throw new Invalid(quote(entry) + ": the value " + entry.key() + " is already mapped by \""
                            + earlier.key() + "=" + earlier.value() + "\"");
                }
            }
            entries.add(entry);
        }
        return entries;
    }

    private static void key(Entry entry, Keys keys) throws Invalid {
        String key = entry.key();
        if (key.isEmpty()) throw new Invalid(quote(entry) + ": the value before = is missing");
        switch (keys) {
            case NUMBERS -> {
                if (!NUMBER.matcher(key).matches()) throw new Invalid(quote(entry) + ": " + key + " is not a number");
            }
            case WORDS, EITHER -> {
                if (!WORD.matcher(key).matches() && !NUMBER.matcher(key).matches()) {
                    throw new Invalid(quote(entry) + ": \"" + key + "\" is not a number or a single word "
                            + "(letters, digits, _ and -)");
                }
            }
        }
    }

    /** As the browser matches keys: as numbers when both are ({@code 1} and {@code 1.0} are one key), else as text. */
    private static boolean sameKey(String a, String b) {
        if (NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()) {
            return Double.parseDouble(a) == Double.parseDouble(b);
        }
        return a.equals(b);
    }

    /** The {@code ;}-separated parts of an attribute, stripped; none may be empty. */
    private static List<String> entries(String text) throws Invalid {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(";", -1)) {
            String stripped = part.strip();
            if (stripped.isEmpty()) throw new Invalid(EMPTY_ENTRY);
            parts.add(stripped);
        }
        return parts;
    }

    private static String quote(Entry entry) { return "\"" + entry.key() + "=" + entry.value() + "\""; }
}
