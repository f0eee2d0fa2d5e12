package io.vakt.driver.bacnet.scan;

import java.util.Map;

/** Common BACnetEngineeringUnits (clause 21) as the unit text a point file shows; others keep their number. */
final class Units {
    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(3, "A"), Map.entry(5, "V"), Map.entry(19, "kWh"), Map.entry(27, "Hz"), Map.entry(29, "%RH"),
            Map.entry(47, "W"), Map.entry(48, "kW"), Map.entry(53, "Pa"), Map.entry(54, "kPa"), Map.entry(62, "°C"),
            Map.entry(64, "°F"), Map.entry(87, "l/s"), Map.entry(96, "ppm"), Map.entry(98, "%"), Map.entry(135, "m³/h"));

    private Units() {}

    /** The unit text; empty for no-units (95), {@code units 123} for unknown ones. */
    static String text(int units) {
        if (units == 95) return "";
        return TEXT.getOrDefault(units, "units " + units);
    }
}
