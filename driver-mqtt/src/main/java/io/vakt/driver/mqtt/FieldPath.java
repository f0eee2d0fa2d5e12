package io.vakt.driver.mqtt;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A simple path into a JSON payload, as the point option {@code field:} writes it: names separated by dots
 * and array indexes in brackets ({@code value.temp}, {@code sensors[2].value}, {@code [0]}); a leading
 * {@code $} or {@code $.} (JSONPath style) is accepted. Names cannot contain {@code .}, {@code [} or {@code ]};
 * there are no wildcards or filters: a point reads one value.
 */
record FieldPath(String text, List<Step> steps) {

    /** One step of the path. */
    sealed interface Step permits Name, Index {}

    /** An object member. */
    record Name(String name) implements Step {}

    /** An array element, from 0. */
    record Index(int index) implements Step {}

    /** @throws IllegalArgumentException saying what is wrong with the path */
    static FieldPath parse(String text) {
        String rest = text.trim();
        if (rest.startsWith("$")) rest = rest.substring(1);
        if (rest.startsWith(".")) rest = rest.substring(1);
        if (rest.isEmpty()) throw new IllegalArgumentException("names no field");
        List<Step> steps = new ArrayList<>();
        int i = 0;
        boolean expectName = true;
        while (i < rest.length()) {
            char c = rest.charAt(i);
            if (c == '[') {
                int close = rest.indexOf(']', i);
                if (close < 0) throw new IllegalArgumentException("has a [ without ]");
                String digits = rest.substring(i + 1, close).trim();
                if (!digits.matches("\\d{1,9}")) {
                    throw new IllegalArgumentException("has an index \"" + digits + "\" that is no whole number ≥ 0");
                }
                steps.add(new Index(Integer.parseInt(digits)));
                i = close + 1;
                expectName = false;
            } else if (c == '.') {
                if (expectName) throw new IllegalArgumentException("has an empty name (two dots, or a dot first)");
                expectName = true;
                i++;
                if (i == rest.length()) throw new IllegalArgumentException("ends with a dot");
            } else if (c == ']') {
                throw new IllegalArgumentException("has a ] without [");
            } else {
                if (!expectName) throw new IllegalArgumentException("needs a dot before a name after ]");
                int end = i;
                while (end < rest.length() && ".[]".indexOf(rest.charAt(end)) < 0) end++;
                steps.add(new Name(rest.substring(i, end)));
                i = end;
                expectName = false;
            }
        }
        return new FieldPath(text.trim(), List.copyOf(steps));
    }

    /** The node the path leads to in {@code root}; empty when a step is missing. */
    Optional<JsonNode> find(JsonNode root) {
        JsonNode node = root;
        for (Step step : steps) {
            node = switch (step) {
                case Name name -> node.isObject() ? node.get(name.name()) : null;
                case Index index -> node.isArray() ? node.get(index.index()) : null;
            };
            if (node == null) return Optional.empty();
        }
        return Optional.of(node);
    }

    @Override
    public String toString() { return text; }
}
