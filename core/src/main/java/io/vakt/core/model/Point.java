package io.vakt.core.model;

import java.util.Map;
import java.util.Objects;

/**
 * One variable of a controller.
 *
 * @param address  the point's address inside its controller ({@code GT11}, {@code QSystem.Sec})
 * @param type     value type
 * @param unit     engineering unit, may be empty
 * @param writable whether the controller accepts writes to it
 * @param min      lowest accepted written value, or null
 * @param max      highest accepted written value, or null
 * @param description free text
 * @param options  driver-specific settings of this point (for the simulator: {@code sim}, {@code initial}, …)
 * @param source   where it was defined
 */
public record Point(String address, PointType type, String unit, boolean writable, Double min, Double max,
                    String description, Map<String, String> options, SourceRef source) {
    public Point {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        options = options == null ? Map.of() : Map.copyOf(options);
        source = source == null ? SourceRef.UNKNOWN : source;
    }

    public String option(String key, String fallback) { return options.getOrDefault(key, fallback); }
}
