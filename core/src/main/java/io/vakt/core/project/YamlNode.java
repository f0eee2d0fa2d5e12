package io.vakt.core.project;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it starts on, so every error found later can name {@code file:line}.
 * Immutable; maps keep the order of the file.
 */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.ListNode, YamlNode.Scalar {

    int line();

    /** What the node is, for "must be a list, not a map" messages. */
    String kind();

    /** A key of a map and the value under it. */
    record Entry(String key, int keyLine, YamlNode value) {}

    record MapNode(int line, Map<String, Entry> entries) implements YamlNode {
        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String kind() { return "a map"; }
    }

    record ListNode(int line, List<YamlNode> items) implements YamlNode {
        public ListNode {
            items = List.copyOf(items);
        }

        @Override
        public String kind() { return "a list"; }
    }

    /**
     * A single value. {@code text} is the value as written (numbers keep their spelling, so {@code 1.50}
     * stays {@code "1.50"}); it is empty for {@link ScalarType#NULL}.
     */
    record Scalar(int line, ScalarType type, String text) implements YamlNode {
        @Override
        public String kind() {
            return switch (type) {
                case STRING -> "a text";
                case NUMBER -> "a number";
                case BOOLEAN -> "true/false";
                case NULL -> "empty";
            };
        }

        boolean isNull() { return type == ScalarType.NULL; }
    }

    /** How YAML typed a scalar. {@code Yes}/{@code No} arrive as text under YAML 1.2, as booleans elsewhere. */
    enum ScalarType { STRING, NUMBER, BOOLEAN, NULL }
}
