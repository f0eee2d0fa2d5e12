package io.vakt.core.model;

import io.vakt.core.access.AccessLevel;

import java.util.List;
import java.util.Map;

/**
 * A folder of the area tree.
 *
 * @param name     technical name (letters, digits, {@code _}, {@code -}); the root's is the account name
 * @param path     technical names from the top-level folder down; empty for the root
 * @param grants   access levels granted in this folder and below, by user name or {@code *} for everyone
 */
public record Area(String name, String title, String icon, List<String> path, Map<String, AccessLevel> grants,
                   List<Area> children, List<PublishedVariableList> lists, List<View> views, SourceRef source) {
    public Area {
        title = title == null || title.isBlank() ? name : title;
        icon = icon == null ? "" : icon;
        path = List.copyOf(path);
        grants = grants == null ? Map.of() : Map.copyOf(grants);
        children = List.copyOf(children);
        lists = List.copyOf(lists);
        views = List.copyOf(views);
        source = source == null ? SourceRef.UNKNOWN : source;
    }

    public boolean isRoot() { return path.isEmpty(); }

    /** Dotted path of the folder ({@code Landskrona.Floor1}); empty for the root. */
    public String dottedPath() { return String.join(".", path); }
}
