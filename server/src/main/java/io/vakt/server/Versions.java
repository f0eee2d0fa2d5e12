package io.vakt.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions of Vakt and its main components, written into the jar at build time. */
public final class Versions {
    private static final Map<String, String> COMPONENTS = load();

    private Versions() {}

    public static String vakt() { return COMPONENTS.getOrDefault("vakt", "development"); }

    /** Component name → version, Java included. */
    public static Map<String, String> components() { return COMPONENTS; }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("versions.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException ignored) {
            // versions are informational; an unreadable resource leaves them out
        }
        Map<String, String> components = new LinkedHashMap<>();
        for (String name : new String[] {"vakt", "vertx", "graphql-java", "jackson", "sqlite-jdbc", "micrometer"}) {
            components.put(name, properties.getProperty(name, "unknown"));
        }
        components.put("java", Runtime.version().toString());
        return Map.copyOf(components);
    }
}
