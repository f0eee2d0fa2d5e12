package io.vakt.core.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The parsed text of a point's {@code sim} option: a function name and its arguments, written
 * {@code drift(target=GT11_SP, tau=120)} or {@code clock(second)}. Names and keys are lower-cased; values
 * are kept as written, since point references may contain dots and parentheses ({@code DigOut(7)}).
 */
record SimExpression(String function, List<String> positional, Map<String, String> named) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+");

    SimExpression {
        positional = List.copyOf(positional);
        named = Map.copyOf(named);
    }

    /** @throws IllegalArgumentException saying what is wrong with the text */
    static SimExpression parse(String text) {
        String trimmed = text.strip();
        int open = trimmed.indexOf('(');
        String function = (open < 0 ? trimmed : trimmed.substring(0, open)).strip();
        if (!WORD.matcher(function).matches()) {
            throw new IllegalArgumentException("expected a function such as hold or drift(target=GT11_SP, tau=120)");
        }
        function = function.toLowerCase(Locale.ROOT);
        if (open < 0) return new SimExpression(function, List.of(), Map.of());
        if (!trimmed.endsWith(")")) throw new IllegalArgumentException("missing closing parenthesis");
        List<String> positional = new ArrayList<>();
        Map<String, String> named = new LinkedHashMap<>();
        String inner = trimmed.substring(open + 1, trimmed.length() - 1);
        if (inner.isBlank()) return new SimExpression(function, positional, named);
        for (String part : split(inner)) {
            String argument = part.strip();
            if (argument.isEmpty()) throw new IllegalArgumentException("empty argument");
            int equals = argument.indexOf('=');
            if (equals < 0) {
                positional.add(argument);
                continue;
            }
            String key = argument.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            String value = argument.substring(equals + 1).strip();
            if (!WORD.matcher(key).matches()) throw new IllegalArgumentException("bad argument name \"" + key + "\"");
            if (value.isEmpty()) throw new IllegalArgumentException("no value for " + key);
            if (named.putIfAbsent(key, value) != null) throw new IllegalArgumentException(key + " given twice");
        }
        return new SimExpression(function, positional, named);
    }

    /** Splits at commas outside parentheses. */
    private static List<String> split(String inner) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(') depth++;
            if (c == ')' && --depth < 0) throw new IllegalArgumentException("unbalanced parentheses");
            if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        if (depth != 0) throw new IllegalArgumentException("unbalanced parentheses");
        parts.add(inner.substring(start));
        return parts;
    }
}
