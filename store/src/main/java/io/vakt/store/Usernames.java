package io.vakt.store;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * The username rule: 1 to 64 characters (code points), each a letter, a digit or one of {@code _ . @ -}.
 * Names are NFC-normalised first, so "å" typed on a keyboard that sends a combining ring is the same name.
 * The lookup key is the lower-cased normalised name: usernames are case-insensitive.
 */
final class Usernames {
    static final int MAX_LENGTH = 64;

    private Usernames() {}

    /** The normalised name, or a {@link StoreException} saying why it is not acceptable. */
    static String requireValid(String username) {
        if (username == null) throw new StoreException("invalid username: missing");
        String normalized = Normalizer.normalize(username, Normalizer.Form.NFC);
        int length = normalized.codePointCount(0, normalized.length());
        if (length == 0 || length > MAX_LENGTH) {
            throw new StoreException("invalid username " + quoted(username) + ": must be 1 to " + MAX_LENGTH
                    + " characters, was " + length);
        }
        if (!normalized.codePoints().allMatch(Usernames::allowed)) {
            throw new StoreException("invalid username " + quoted(username)
                    + ": only letters, digits and '_', '.', '@', '-' are allowed");
        }
        return normalized;
    }

    /** The lookup key, or empty when the name breaks the rule (and so can belong to no user). */
    static Optional<String> key(String username) {
        try {
            return Optional.of(keyOfValid(requireValid(username)));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    static String keyOfValid(String normalized) {
        return normalized.toLowerCase(Locale.ROOT);
    }

    /** The name as it may appear in a message: control characters replaced, overlong names cut. */
    static String quoted(String username) {
        StringBuilder out = new StringBuilder("'");
        username.codePoints().limit(MAX_LENGTH)
                .forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        if (username.codePointCount(0, username.length()) > MAX_LENGTH) out.append('…');
        return out.append('\'').toString();
    }

    private static boolean allowed(int cp) {
        return Character.isLetter(cp) || Character.isDigit(cp) || cp == '_' || cp == '.' || cp == '@' || cp == '-';
    }
}
