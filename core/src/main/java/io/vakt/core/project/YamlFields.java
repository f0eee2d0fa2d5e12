package io.vakt.core.project;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.YamlNode.Entry;
import io.vakt.core.project.YamlNode.ListNode;
import io.vakt.core.project.YamlNode.MapNode;
import io.vakt.core.project.YamlNode.Scalar;
import io.vakt.core.project.YamlNode.ScalarType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Typed access to one YAML map of a project file. Every problem (unknown key, wrong type, missing key,
 * bad value) is reported with the file and line and the read returns empty, so the caller carries on
 * and all errors of a file come out together.
 */
final class YamlFields {
    private final MapNode map;
    private final String file;
    private final Problems problems;
    private final List<String> known;

    private YamlFields(MapNode map, String file, Problems problems, List<String> known) {
        this.map = map;
        this.file = file;
        this.problems = problems;
        this.known = List.copyOf(known);
    }

    /** A map whose keys must all be {@code known}; others are reported with a "did you mean" hint. */
    static YamlFields strict(MapNode map, String file, Problems problems, List<String> known) {
        YamlFields fields = new YamlFields(map, file, problems, known);
        for (Entry entry : map.entries().values()) {
            if (!known.contains(entry.key())) fields.reportUnknown(entry);
        }
        return fields;
    }

    /**
     * A map that may carry extra keys (driver options); only near misses of known keys are reported, unless the
     * extra key is one the driver declares ({@code declared}: a Modbus {@code unitId} is not a typo of {@code unit}).
     */
    static YamlFields open(MapNode map, String file, Problems problems, List<String> known,
                           java.util.Set<String> declared) {
        YamlFields fields = new YamlFields(map, file, problems, known);
        for (Entry entry : fields.extras()) {
            if (!declared.contains(entry.key()) && Suggestions.closest(entry.key(), known).isPresent()) {
                fields.reportUnknown(entry);
            }
        }
        return fields;
    }

    /** Expects {@code node} to be a map; reports and returns empty otherwise. */
    static Optional<MapNode> asMap(YamlNode node, String what, String file, Problems problems) {
        if (node instanceof MapNode map) return Optional.of(map);
        problems.error(new SourceRef(file, node.line()), what + " must be a map of keys, not " + node.kind());
        return Optional.empty();
    }

    private void reportUnknown(Entry entry) {
        String hint = Suggestions.didYouMean(entry.key(), known);
        problems.error(at(entry.keyLine()), "unknown key \"" + entry.key() + "\""
                + (hint.isEmpty() ? " (known keys: " + String.join(", ", known) + ")" : hint));
    }

    /** Entries whose keys are not known, in file order. */
    List<Entry> extras() {
        List<Entry> extras = new ArrayList<>();
        for (Entry entry : map.entries().values()) if (!known.contains(entry.key())) extras.add(entry);
        return extras;
    }

    SourceRef at(int line) { return new SourceRef(file, line); }

    /** Line of the key's value, or of the map when the key is absent. */
    SourceRef at(String key) {
        Entry entry = map.entries().get(key);
        return at(entry == null ? map.line() : entry.value().line());
    }

    boolean has(String key) {
        Entry entry = map.entries().get(key);
        return entry != null && !(entry.value() instanceof Scalar scalar && scalar.isNull());
    }

    /** A single value as text (numbers and booleans as written); empty when absent, null or not a scalar. */
    Optional<String> text(String key) {
        return scalar(key).map(Scalar::text);
    }

    String text(String key, String fallback) { return text(key).orElse(fallback); }

    Optional<String> required(String key) {
        if (!has(key)) {
            problems.error(at(map.line()), "missing required key \"" + key + "\"");
            return Optional.empty();
        }
        return text(key);
    }

    Optional<Scalar> scalar(String key) {
        Entry entry = map.entries().get(key);
        if (entry == null) return Optional.empty();
        if (entry.value() instanceof Scalar scalar) return scalar.isNull() ? Optional.empty() : Optional.of(scalar);
        problems.error(at(entry.value().line()), "\"" + key + "\" must be a single value, not " + entry.value().kind());
        return Optional.empty();
    }

    /** {@code Yes}/{@code No} or {@code true}/{@code false}, any case; YAML 1.1 tools write the former. */
    Optional<Boolean> yesNo(String key) {
        return scalar(key).flatMap(scalar -> {
            Optional<Boolean> value = parseYesNo(scalar.text());
            if (value.isEmpty()) {
                problems.error(at(scalar.line()), "\"" + key + "\" must be Yes or No (or true/false), not \""
                        + scalar.text() + "\"");
            }
            return value;
        });
    }

    static Optional<Boolean> parseYesNo(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> Optional.of(true);
            case "no", "false" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    Optional<Double> number(String key) {
        return scalar(key).flatMap(scalar -> {
            if (scalar.type() == ScalarType.NUMBER || scalar.type() == ScalarType.STRING) {
                try {
                    double value = Double.parseDouble(scalar.text().trim());
                    if (Double.isFinite(value)) return Optional.of(value);
                } catch (NumberFormatException ignored) {
                    // reported below
                }
            }
            problems.error(at(scalar.line()), "\"" + key + "\" must be a number, not \"" + scalar.text() + "\"");
            return Optional.empty();
        });
    }

    Optional<AccessLevel> accessLevel(String key) {
        return scalar(key).flatMap(scalar -> parseLevel(scalar.text(), at(scalar.line()), problems));
    }

    static Optional<AccessLevel> parseLevel(String text, SourceRef at, Problems problems) {
        Optional<AccessLevel> level = AccessLevel.parse(text);
        // the five names are listed in full, which says more than a guess at the one meant
        if (level.isEmpty()) problems.error(at, "unknown access level \"" + text + "\" (use " + AccessLevel.names() + ")");
        return level;
    }

    Optional<MapNode> map(String key) {
        Entry entry = map.entries().get(key);
        if (entry == null || entry.value() instanceof Scalar scalar && scalar.isNull()) return Optional.empty();
        if (entry.value() instanceof MapNode value) return Optional.of(value);
        problems.error(at(entry.value().line()), "\"" + key + "\" must be a map of keys, not " + entry.value().kind());
        return Optional.empty();
    }

    Optional<ListNode> list(String key) {
        Entry entry = map.entries().get(key);
        if (entry == null || entry.value() instanceof Scalar scalar && scalar.isNull()) return Optional.empty();
        if (entry.value() instanceof ListNode value) return Optional.of(value);
        problems.error(at(entry.value().line()), "\"" + key + "\" must be a list (entries starting with \"- \"), not "
                + entry.value().kind());
        return Optional.empty();
    }
}
