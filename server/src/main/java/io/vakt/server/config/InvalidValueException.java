package io.vakt.server.config;

/**
 * A value that does not fit its key's type. The message is the phrase about the value only
 * ({@code "abc" is not a port number}); {@link ConfigLoader} puts the source and key in front.
 */
final class InvalidValueException extends RuntimeException {
    InvalidValueException(String message) {
        super(message, null, false, false);
    }

    /** The value as it may appear in a message: in double quotes, control characters replaced, long text cut. */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().limit(60).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        if (text.codePointCount(0, text.length()) > 60) out.append('…');
        return out.append('"').toString();
    }
}
