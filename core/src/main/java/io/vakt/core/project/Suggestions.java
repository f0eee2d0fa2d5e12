package io.vakt.core.project;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean …" hints for misspelt keys, levels and names ({@code Writeable} → {@code Writable}).
 * Comparison ignores case, so a key that differs only in case is suggested too.
 */
public final class Suggestions {
    private Suggestions() {}

    /** The candidate closest to {@code input}, when it is close enough to be a likely typo. */
    public static Optional<String> closest(String input, Collection<String> candidates) {
        if (input == null || input.isEmpty()) return Optional.empty();
        String wanted = input.toLowerCase(Locale.ROOT);
        // short words need a closer match, or "mix" would suggest every three-letter key
        int allowed = wanted.length() <= 4 ? 1 : 2;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate.toLowerCase(Locale.ROOT), allowed);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean \"X\"?)"}, or an empty string when nothing is close. */
    public static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(found -> " (did you mean \"" + found + "\"?)").orElse("");
    }

    /**
     * Edit distance counting a swap of neighbours as one edit ({@code tua} → {@code tau}), giving up early
     * (returning {@code limit + 1}) once it cannot stay within the limit.
     */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) return limit + 1;
        int[] beforePrevious = new int[b.length() + 1];
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int best = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    best = Math.min(best, beforePrevious[j - 2] + 1);
                }
                current[j] = best;
                rowMin = Math.min(rowMin, best);
            }
            if (rowMin > limit) return limit + 1;
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return previous[b.length()];
    }
}
