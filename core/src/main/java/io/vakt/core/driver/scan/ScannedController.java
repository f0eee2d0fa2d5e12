package io.vakt.core.driver.scan;

import java.util.List;
import java.util.Map;

/**
 * A device that answered a scan.
 *
 * @param suggestedName a technical controller name for the project ({@code Unit1}, {@code Device260001})
 * @param title         what the device says it is, or a description of where it was found
 * @param driver        the driver that would talk to it ({@code modbus}, {@code bacnet})
 * @param settings      the controller settings that reach it, in file order
 * @param points        what it offers
 */
public record ScannedController(String suggestedName, String title, String driver, Map<String, String> settings,
                                List<ScannedPoint> points) {
    public ScannedController {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        points = List.copyOf(points);
    }
}
