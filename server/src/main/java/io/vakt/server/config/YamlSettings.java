package io.vakt.server.config;

import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a configuration YAML file into flat dotted keys with their line numbers: nested maps
 * ({@code server:} / {@code port: 8080}) and dotted keys ({@code server.port: 8080}) both give
 * {@code server.port}. Jackson's streaming parser is used because the data binder would lose the lines. Keys
 * whose type takes a list ({@code wamp.permissions}) get their whole list as JSON text.
 */
final class YamlSettings {
    /** One scalar of the file; {@code value} is null for an empty value or {@code ~}. */
    record Entry(String key, String value, int line) {}

    // a configuration file is a few dozen lines; deeper nesting is a mistake, not a setting
    private static final int MAX_DEPTH = 8;
    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loadSettings(LoadSettings.builder().setMaxAliasesForCollections(0).build())
            .build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String file;
    private final List<String> problems;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Integer> firstLines = new HashMap<>();
    private JsonParser parser;

    private YamlSettings(String file, List<String> problems) {
        this.file = file;
        this.problems = problems;
    }

    /**
     * The settings in {@code text}, in file order. Problems that let reading go on (a list where a value
     * belongs, a key given twice) are added to {@code problems}; a syntax error ends the file there.
     */
    static List<Entry> read(String text, String file, List<String> problems) {
        return new YamlSettings(file, problems).readDocument(text);
    }

    private List<Entry> readDocument(String text) {
        try (JsonParser opened = FACTORY.createParser(ObjectReadContext.empty(), text)) {
            parser = opened;
            JsonToken first = parser.nextToken();
            if (first == null) return entries;
            if (first != JsonToken.START_OBJECT) {
                problems.add(at(line()) + "the file must be a map of keys (like \"server:\"), not a single value or list");
                return entries;
            }
            readMap("", 1);
        } catch (JacksonException e) {
            problems.add(at(errorLine(e)) + "YAML syntax error: " + firstLine(e.getOriginalMessage()));
        }
        return entries;
    }

    private void readMap(String prefix, int depth) {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token != JsonToken.PROPERTY_NAME) throw new IllegalStateException("YAML parser gave " + token);
            String key = prefix + parser.currentName();
            int line = line();
            JsonToken value = parser.nextToken();
            if ((value == JsonToken.START_ARRAY || value == JsonToken.START_OBJECT) && structured(key)) {
                add(key, JSON.writeValueAsString(readStructure(value, depth + 1, line, key)), line);
                continue;
            }
            switch (value) {
                case START_OBJECT -> {
                    if (depth >= MAX_DEPTH) {
                        problems.add(at(line) + key + ": nested deeper than " + MAX_DEPTH + " levels");
                        parser.skipChildren();
                    } else {
                        readMap(key + ".", depth + 1);
                    }
                }
                case START_ARRAY -> {
                    problems.add(at(line) + key + ": must be a single value, not a list");
                    parser.skipChildren();
                }
                case VALUE_NULL -> add(key, null, line);
                default -> add(key, parser.getString(), line);
            }
        }
    }

    private static boolean structured(String key) {
        return ConfigKeys.find(key).map(found -> found.type().structured()).orElse(false);
    }

    /**
     * A list or map below a key that takes one, as plain lists, maps and texts: the key's type checks it from
     * its JSON text, as it does a value from the environment.
     */
    private Object readStructure(JsonToken token, int depth, int line, String key) {
        if (depth > MAX_DEPTH) {
            problems.add(at(line) + key + ": nested deeper than " + MAX_DEPTH + " levels");
            parser.skipChildren();
            return null;
        }
        return switch (token) {
            case START_ARRAY -> {
                List<Object> items = new ArrayList<>();
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) items.add(readStructure(next, depth + 1, line, key));
                yield items;
            }
            case START_OBJECT -> {
                Map<String, Object> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    fields.put(name, readStructure(parser.nextToken(), depth + 1, line, key));
                }
                yield fields;
            }
            case VALUE_NULL -> null;
            default -> parser.getString();
        };
    }

    private void add(String key, String value, int line) {
        Integer first = firstLines.putIfAbsent(key, line);
        if (first != null) {
            problems.add(at(line) + key + " is set twice (first at line " + first + ")");
            return;
        }
        entries.add(new Entry(key, value, line));
    }

    private int line() {
        TokenStreamLocation location = parser.currentTokenLocation();
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    private String at(int line) {
        return line > 0 ? file + " line " + line + ": " : file + ": ";
    }

    private static int errorLine(JacksonException e) {
        TokenStreamLocation location = e.getLocation();
        return location == null ? 0 : Math.max(location.getLineNr(), 0);
    }

    /** snakeyaml's messages repeat the source with a caret over several lines; the first line says it all. */
    static String firstLine(String message) {
        if (message == null) return "unreadable YAML";
        String flat = message.strip();
        int newline = flat.indexOf('\n');
        return newline < 0 ? flat : flat.substring(0, newline).strip();
    }
}
