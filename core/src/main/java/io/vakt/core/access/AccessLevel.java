package io.vakt.core.access;

import java.util.Locale;
import java.util.Optional;

/** Access levels, lowest to highest (spec §9 decision). */
public enum AccessLevel {
    None, Guest, Operator, Service, Admin;

    public boolean atLeast(AccessLevel other) { return compareTo(other) >= 0; }

    /** Parses a level name case-insensitively ({@code guest}, {@code Guest}, {@code GUEST}). */
    public static Optional<AccessLevel> parse(String text) {
        if (text == null) return Optional.empty();
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (AccessLevel level : values()) {
            if (level.name().toLowerCase(Locale.ROOT).equals(wanted)) return Optional.of(level);
        }
        return Optional.empty();
    }

    public static String names() { return "None, Guest, Operator, Service, Admin"; }
}
