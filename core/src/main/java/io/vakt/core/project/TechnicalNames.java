package io.vakt.core.project;

import io.vakt.core.model.SourceRef;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Technical names of areas, lists, views and controllers (spec §3): letters, digits, {@code _} and
 * {@code -}, never a dot, since they become segments of dotted paths. Also tracks names already used
 * among siblings, which must differ ignoring case because lookups ignore case.
 */
final class TechnicalNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private final Map<String, SourceRef> used = new HashMap<>();
    private final Map<String, String> spelling = new HashMap<>();

    static boolean isValid(String name) { return name != null && NAME.matcher(name).matches(); }

    /** Reports a bad name; returns whether it is valid. */
    static boolean check(String name, String what, SourceRef at, Problems problems) {
        if (isValid(name)) return true;
        problems.error(at, "\"" + name + "\" is not a valid " + what + " name (use letters, digits, _ and - only)");
        return false;
    }

    /** Records {@code name}; reports a clash with a sibling spelled the same ignoring case. */
    boolean claim(String name, SourceRef at, Problems problems) {
        String key = name.toLowerCase(Locale.ROOT);
        SourceRef first = used.get(key);
        if (first != null) {
            problems.error(at, "\"" + name + "\" clashes with \"" + spelling.get(key) + "\" (" + first
                    + "): names are compared ignoring case");
            return false;
        }
        used.put(key, at);
        spelling.put(key, name);
        return true;
    }
}
