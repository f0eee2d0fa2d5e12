package io.vakt.core.live;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Time stamps as ArrigoLocal clients see them: UTC (since 2020-11), second precision, no zone suffix, e.g.
 * {@code 2019-09-26T12:00:12} (spec §5.4).
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    public static String format(Instant instant) { return FORMAT.format(instant); }
}
