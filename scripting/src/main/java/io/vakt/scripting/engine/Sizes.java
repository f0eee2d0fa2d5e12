package io.vakt.scripting.engine;

import java.time.Duration;

/**
 * Limits written the way an administrator configures them ({@code 5 s}, {@code 256 MiB}), for error messages.
 * Public only for the runtime's own messages; internal to the scripting module.
 */
public final class Sizes {
    private static final long KIB = 1024;
    private static final long MIB = 1024 * 1024;

    private Sizes() {}

    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) return millis + " ms";
        if (millis % 1000 == 0) return (millis / 1000) + " s";
        return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    public static String bytes(long bytes) {
        if (bytes >= MIB) return scaled(bytes, MIB, "MiB");
        if (bytes >= KIB) return scaled(bytes, KIB, "KiB");
        return bytes + " bytes";
    }

    private static String scaled(long bytes, long unit, String name) {
        if (bytes % unit == 0) return (bytes / unit) + " " + name;
        return String.format(java.util.Locale.ROOT, "%.1f %s", bytes / (double) unit, name);
    }
}
