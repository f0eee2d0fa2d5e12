package io.vakt.server.auth;

import java.time.Duration;

/** Client-supplied text made safe for a log line: no control characters (forged lines), bounded length. */
public final class LogText {
    private static final int MAX_LENGTH = 64;

    private LogText() {}

    public static String quoted(String text) {
        if (text == null) return "(none)";
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(MAX_LENGTH).forEach(cp -> out.appendCodePoint(Character.isISOControl(cp) ? '?' : cp));
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) out.append('…');
        return out.append('\'').toString();
    }

    /** {@code 2 s}, {@code 15 min}, {@code 1 h}, {@code 1.5 s}: for people, where ISO {@code PT15M} is not. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (duration.toNanosPart() != 0 || seconds == 0) return duration.toMillis() / 1000.0 + " s";
        if (seconds % 3600 == 0) return seconds / 3600 + " h";
        if (seconds % 60 == 0) return seconds / 60 + " min";
        return seconds + " s";
    }

    static String address(String address) {
        return address == null || address.isBlank() ? "an unknown address" : quoted(address);
    }
}
