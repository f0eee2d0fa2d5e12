package io.vakt.core.driver.scan;

import io.vakt.core.model.PointType;

import java.util.Map;

/**
 * A point a scanner found, as it would be written into a controller file.
 *
 * @param address     the point's address in the controller file ({@code HR100}, {@code AV-1})
 * @param type        value type
 * @param unit        engineering unit, may be empty
 * @param writable    whether the device appears to accept writes
 * @param options     the driver options that locate it ({@code register: holding:100}, {@code object: analog-value:1})
 * @param description what the device calls it, may be empty
 * @param sample      the value read during the scan, for the listing; may be empty
 */
public record ScannedPoint(String address, PointType type, String unit, boolean writable, Map<String, String> options,
                           String description, String sample) {
    public ScannedPoint {
        unit = unit == null ? "" : unit;
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
        description = description == null ? "" : description;
        sample = sample == null ? "" : sample;
    }
}
