package io.vakt.scripting.legacy;

import io.vakt.core.live.UpdateType;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One answer of the legacy bus (spec §7.7): {@code {value, variable, type, timestamp}}.
 *
 * @param value    the controller value ({@link Double}, {@link Long}, {@link String}) or null when there is none
 * @param variable the variable exactly as the script wrote it
 * @param type     its numeric code (0–8) is what scripts see
 */
public record LegacyValue(Object value, String variable, UpdateType type, Instant timestamp) {
    public LegacyValue {
        Objects.requireNonNull(variable, "variable");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * The JSON shape scripts get. The time is ISO-8601 UTC with a {@code Z} and at most millisecond precision,
     * unlike the zone-less GraphQL {@code timeStamp}: {@code new Date(timestamp)} in JavaScript would read a
     * zone-less time as local time.
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", value);
        json.put("variable", variable);
        json.put("type", type.code());
        json.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp.truncatedTo(ChronoUnit.MILLIS)));
        return json;
    }
}
