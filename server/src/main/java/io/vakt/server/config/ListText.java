package io.vakt.server.config;

import java.util.ArrayList;
import java.util.List;

/** The items of a list value: comma-separated text or a JSON list of strings (how YAML lists arrive), quotes stripped. */
final class ListText {
    private ListText() {}

    static List<String> items(String text) {
        String stripped = text.strip();
        if (stripped.startsWith("[")) stripped = stripped.substring(1, stripped.endsWith("]") ? stripped.length() - 1 : stripped.length());
        List<String> items = new ArrayList<>();
        for (String part : stripped.split(",")) {
            String item = part.strip().replaceAll("^[\"']|[\"']$", "").strip();
            if (!item.isEmpty()) items.add(item);
        }
        return items;
    }
}
