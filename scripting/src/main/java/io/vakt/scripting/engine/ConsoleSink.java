package io.vakt.scripting.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one call's {@code console.*} lines go: the server log (logger {@code io.vakt.ssf}), tagged with the
 * code's path. Capped per call so a script logging in a loop cannot flood the log; lines over the cap are
 * counted and reported once when the call ends. Used on the worker thread only.
 */
final class ConsoleSink {
    static final Logger LOG = LoggerFactory.getLogger("io.vakt.ssf");
    private static final int MAX_LINE_CHARS = 8192;

    private final String path;
    private final int maxLines;
    private int written;
    private long suppressed;

    ConsoleSink(String path, int maxLines) {
        this.path = path;
        this.maxLines = Math.max(0, maxLines);
    }

    void line(String level, String text) {
        if (written >= maxLines) {
            suppressed++;
            return;
        }
        written++;
        String line = text.length() <= MAX_LINE_CHARS ? text
                : text.substring(0, MAX_LINE_CHARS) + "… (" + (text.length() - MAX_LINE_CHARS) + " more characters)";
        switch (level) {
            case "error" -> LOG.error("[ssf {}] {}", path, line);
            case "warn" -> LOG.warn("[ssf {}] {}", path, line);
            case "debug", "trace" -> LOG.debug("[ssf {}] {}", path, line);
            default -> LOG.info("[ssf {}] {}", path, line);
        }
    }

    /** Reports the lines that were over the cap, once, when the call ends. */
    void close() {
        if (suppressed > 0) {
            LOG.warn("[ssf {}] … {} more console lines suppressed (limit ssf.maxConsoleLinesPerCall is {})",
                    path, suppressed, maxLines);
            suppressed = 0;
        }
    }
}
