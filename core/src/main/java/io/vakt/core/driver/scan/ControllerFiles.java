package io.vakt.core.driver.scan;

import io.vakt.core.model.TechnicalAddress;

import java.time.Instant;
import java.util.Map;

/**
 * Writes a scanned device as a controller file ({@code controllers/<Name>.yaml}, docs/project-format.md) that
 * the project loader reads back unchanged: a starting point the engineer trims and renames.
 */
public final class ControllerFiles {
    private ControllerFiles() {}

    /** The YAML text of the controller file; {@code origin} says in a comment how it was made. */
    public static String yaml(ScannedController controller, String origin, Instant when) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(origin.replace('\n', ' ')).append('\n');
        out.append("# written by vakt scan at ").append(when).append(": rename the points, delete what you do not need\n");
        out.append("title: ").append(quote(controller.title())).append('\n');
        out.append("driver: ").append(controller.driver()).append('\n');
        if (!controller.settings().isEmpty()) {
            out.append("settings:\n");
            controller.settings().forEach((key, value) -> out.append("  ").append(key).append(": ").append(quote(value)).append('\n'));
        }
        out.append("points:\n");
        for (ScannedPoint point : controller.points()) {
            out.append("  - address: ").append(quote(point.address())).append('\n');
            out.append("    type: ").append(point.type().label()).append('\n');
            if (!point.unit().isEmpty()) out.append("    unit: ").append(quote(point.unit())).append('\n');
            if (point.writable()) out.append("    writable: yes\n");
            if (!point.description().isEmpty()) out.append("    description: ").append(quote(point.description())).append('\n');
            for (Map.Entry<String, String> option : point.options().entrySet()) {
                out.append("    ").append(option.getKey()).append(": ").append(quote(option.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    /** A technical controller name made of {@code text}: letters, digits, {@code _} and {@code -}. */
    public static String technicalName(String text) {
        String name = text.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty() || !TechnicalAddress.isValidControllerName(name)) name = "Controller_" + name;
        return name;
    }

    /** A double-quoted YAML scalar: always quoted, so {@code *}, {@code :}, {@code #} and {@code yes} stay text. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\x%02x", (int) c));
                    else out.append(c);
                }
            }
        }
        return out.append('"').toString();
    }
}
