package io.vakt.driver.bacnet.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** BACnetPropertyIdentifier numbers (clause 21) Vakt uses, with their standard names. */
public final class PropertyIds {
    public static final int DESCRIPTION = 28;
    public static final int OBJECT_IDENTIFIER = 75;
    public static final int OBJECT_LIST = 76;
    public static final int OBJECT_NAME = 77;
    public static final int OBJECT_TYPE = 79;
    public static final int OUT_OF_SERVICE = 81;
    public static final int PRESENT_VALUE = 85;
    public static final int PRIORITY_ARRAY = 87;
    public static final int RELINQUISH_DEFAULT = 104;
    public static final int STATUS_FLAGS = 111;
    public static final int SYSTEM_STATUS = 112;
    public static final int UNITS = 117;

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put(DESCRIPTION, "description");
        NAMES.put(OBJECT_IDENTIFIER, "object-identifier");
        NAMES.put(OBJECT_LIST, "object-list");
        NAMES.put(OBJECT_NAME, "object-name");
        NAMES.put(OBJECT_TYPE, "object-type");
        NAMES.put(OUT_OF_SERVICE, "out-of-service");
        NAMES.put(PRESENT_VALUE, "present-value");
        NAMES.put(PRIORITY_ARRAY, "priority-array");
        NAMES.put(RELINQUISH_DEFAULT, "relinquish-default");
        NAMES.put(STATUS_FLAGS, "status-flags");
        NAMES.put(SYSTEM_STATUS, "system-status");
        NAMES.put(UNITS, "units");
    }

    private PropertyIds() {}

    public static String name(int property) { return NAMES.getOrDefault(property, String.valueOf(property)); }

    /** A property by standard name, or a bare number (0..4194303) for any other property. */
    public static Optional<Integer> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (var entry : NAMES.entrySet()) {
            if (entry.getValue().equals(wanted)) return Optional.of(entry.getKey());
        }
        try {
            int number = Integer.parseInt(wanted);
            return number >= 0 && number <= 0x3FFFFF ? Optional.of(number) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public static java.util.Collection<String> names() { return NAMES.values(); }
}
