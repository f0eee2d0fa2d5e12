package io.vakt.server.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes in bytes as operators write them: a whole number of bytes ({@code 262144}), or with a binary unit
 * ({@code 512KiB}, {@code 1MiB}). Decimal units ({@code kB}, {@code MB}) are refused rather than guessed at,
 * because whether {@code 1MB} means 10^6 or 2^20 bytes is exactly the doubt a limit must not leave.
 */
final class Sizes {
    static final int KIB = 1024;
    static final int MIB = 1024 * 1024;
    static final long GIB = 1024L * MIB;
    /** The forms to show in an error message. */
    static final String EXAMPLES = "65536, 512KiB, 1MiB";

    private static final Pattern SIZE = Pattern.compile("(\\d{1,10})\\s*(B|KiB|MiB|GiB)?");

    private Sizes() {}

    /** The number of bytes {@code text} stands for; empty when it is no size or above {@link Long#MAX_VALUE}. */
    static Optional<Long> parse(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) return Optional.empty();
        long number = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        long factor = unit == null || unit.equals("B") ? 1 : unit.equals("KiB") ? KIB : unit.equals("MiB") ? MIB : GIB;
        return Optional.of(number * factor);
    }

    /** The shortest exact form: {@code 1MiB}, {@code 512KiB}, {@code 1000}. */
    static String format(long bytes) {
        if (bytes != 0 && bytes % GIB == 0) return bytes / GIB + "GiB";
        if (bytes != 0 && bytes % MIB == 0) return bytes / MIB + "MiB";
        if (bytes != 0 && bytes % KIB == 0) return bytes / KIB + "KiB";
        return String.valueOf(bytes);
    }
}
