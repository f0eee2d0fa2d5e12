package io.vakt.core.project;

import io.vakt.core.model.SourceRef;
import io.vakt.core.project.YamlNode.Entry;
import io.vakt.core.project.YamlNode.ListNode;
import io.vakt.core.project.YamlNode.MapNode;
import io.vakt.core.project.YamlNode.Scalar;
import io.vakt.core.project.YamlNode.ScalarType;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one YAML document into a {@link YamlNode} tree with line numbers, through Jackson's streaming
 * parser (the data binder would lose the lines). Syntax errors and limit violations end the file with a
 * {@link ProjectException}; duplicate keys are reported and the first value kept, so reading goes on.
 */
final class YamlReader {
    /** Deeper documents are not project files but mistakes or attacks on the parser. */
    static final int MAX_DEPTH = 32;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            // the engine's own default (3 M code points) is below the 4 MiB file limit
            .loadSettings(LoadSettings.builder().setCodePointLimit(ProjectFiles.MAX_FILE_BYTES + 1)
                    .setMaxAliasesForCollections(0).build())
            // duplicates are reported by readMap, with the line of the first occurrence, and reading goes on
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final String file;
    private final Problems problems;
    private JsonParser parser;

    private YamlReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    /** Parses {@code text}; an empty document is an empty map at line 1. */
    static YamlNode read(String text, String file, Problems problems) {
        return new YamlReader(file, problems).readDocument(text);
    }

    private YamlNode readDocument(String text) {
        try (JsonParser opened = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            parser = opened;
            JsonToken first = parser.nextToken();
            if (first == null) return new MapNode(1, Map.of());
            YamlNode root = readValue(first, 1);
            if (parser.nextToken() != null) {
                throw new ProjectException(at(line()), "only one YAML document per file (remove the second \"---\")");
            }
            return root;
        } catch (JacksonException e) {
            throw syntaxError(e);
        }
    }

    private YamlNode readValue(JsonToken token, int depth) {
        if (token == null) throw new ProjectException(at(line()), "YAML ends in the middle of a value");
        if (depth > MAX_DEPTH) {
            throw new ProjectException(at(line()), "YAML nested deeper than " + MAX_DEPTH + " levels");
        }
        int line = line();
        return switch (token) {
            case START_OBJECT -> readMap(line, depth);
            case START_ARRAY -> readList(line, depth);
            case VALUE_STRING -> {
                if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
                    throw new ProjectException(at(line), "YAML aliases (*" + parser.getString()
                            + ") are not supported; put a value that starts with * in quotes: \"*"
                            + parser.getString() + "\"");
                }
                yield new Scalar(line, ScalarType.STRING, parser.getString());
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(line, ScalarType.NUMBER, parser.getString());
            case VALUE_TRUE -> new Scalar(line, ScalarType.BOOLEAN, "true");
            case VALUE_FALSE -> new Scalar(line, ScalarType.BOOLEAN, "false");
            case VALUE_NULL -> new Scalar(line, ScalarType.NULL, "");
            default -> new Scalar(line, ScalarType.STRING, String.valueOf(parser.getString()));
        };
    }

    private MapNode readMap(int line, int depth) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.PROPERTY_NAME) throw new ProjectException(at(line()), "unexpected YAML " + token);
            String key = parser.currentName();
            int keyLine = line();
            YamlNode value = readValue(parser.nextToken(), depth + 1);
            Entry first = entries.get(key);
            if (first != null) {
                problems.error(at(keyLine), "duplicate key \"" + key + "\" (first at line " + first.keyLine() + ")");
            } else {
                entries.put(key, new Entry(key, keyLine, value));
            }
        }
        return new MapNode(line, entries);
    }

    private ListNode readList(int line, int depth) {
        List<YamlNode> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) items.add(readValue(token, depth + 1));
        return new ListNode(line, items);
    }

    private int line() {
        TokenStreamLocation location = parser.currentTokenLocation();
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private SourceRef at(int line) { return new SourceRef(file, line); }

    private ProjectException syntaxError(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        int line = location == null ? 0 : Math.max(location.getLineNr(), 0);
        return new ProjectException(at(line), "YAML syntax error: " + firstSentence(e.getOriginalMessage()), e);
    }

    /** snakeyaml's messages repeat the source with a caret over several lines; the first line says it all. */
    private static String firstSentence(String message) {
        if (message == null) return "unreadable YAML";
        String flat = message.strip();
        int newline = flat.indexOf('\n');
        String first = newline < 0 ? flat : flat.substring(0, newline).strip();
        if (flat.contains("scanning an alias")) {
            return first + " (a value starting with * must be quoted, e.g. Variable: \"*AHU1.GT11\")";
        }
        return first;
    }
}
