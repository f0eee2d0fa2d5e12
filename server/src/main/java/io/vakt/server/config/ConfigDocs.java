package io.vakt.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the key table of {@code docs/configuration.md} from the registry; a test checks the document
 * contains exactly this table, so the documentation cannot fall behind the code.
 */
final class ConfigDocs {
    private ConfigDocs() {}

    /** The Markdown table of every key, with environment names, types, defaults and meanings. */
    static String keyTable() {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Environment | Type | Default | Meaning |\n");
        out.append("|-----|-------------|------|---------|---------|\n");
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            List<String> envNames = new ArrayList<>();
            envNames.add(code(key.envName()));
            ConfigKeys.ENV_ALIASES.forEach((alias, name) -> {
                if (name.equals(key.name())) envNames.add(code(alias));
            });
            row(out, code(key.name()), String.join(", ", envNames), key.type().description(),
                    literalOrProse(key.defaultText()), key.description());
        }
        row(out, code("drivers.<driver>.<setting>"), code("VAKT_DRIVERS_<DRIVER>_<SETTING>"), "text", "(none)",
                "Overrides that setting of every controller using the driver, e.g. drivers.simulator.interval: 250ms");
        return out.toString();
    }

    private static void row(StringBuilder out, String... cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    // "number of CPU cores" is prose, "10m" is a value one could type
    private static String literalOrProse(String text) {
        return text.startsWith("(") || text.contains(" ") ? text : code(text);
    }

    private static String code(String text) {
        return "`" + text + "`";
    }
}
