package io.vakt.driver.bacnet.codec;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** BACnetObjectType numbers (clause 21) of the objects Vakt reads, with their standard names and short forms. */
public final class ObjectTypes {
    public static final int ANALOG_INPUT = 0;
    public static final int ANALOG_OUTPUT = 1;
    public static final int ANALOG_VALUE = 2;
    public static final int BINARY_INPUT = 3;
    public static final int BINARY_OUTPUT = 4;
    public static final int BINARY_VALUE = 5;
    public static final int DEVICE = 8;
    public static final int MULTI_STATE_INPUT = 13;
    public static final int MULTI_STATE_OUTPUT = 14;
    public static final int MULTI_STATE_VALUE = 19;

    private static final Map<Integer, String> NAMES = new LinkedHashMap<>();
    private static final Map<Integer, String> SHORT = new LinkedHashMap<>();

    static {
        add(ANALOG_INPUT, "analog-input", "AI");
        add(ANALOG_OUTPUT, "analog-output", "AO");
        add(ANALOG_VALUE, "analog-value", "AV");
        add(BINARY_INPUT, "binary-input", "BI");
        add(BINARY_OUTPUT, "binary-output", "BO");
        add(BINARY_VALUE, "binary-value", "BV");
        add(DEVICE, "device", "DEV");
        add(MULTI_STATE_INPUT, "multi-state-input", "MI");
        add(MULTI_STATE_OUTPUT, "multi-state-output", "MO");
        add(MULTI_STATE_VALUE, "multi-state-value", "MV");
    }

    private ObjectTypes() {}

    private static void add(int type, String name, String abbreviation) {
        NAMES.put(type, name);
        SHORT.put(type, abbreviation);
    }

    /** The standard name ({@code analog-value}), or the number for types Vakt has no name for. */
    public static String name(int type) { return NAMES.getOrDefault(type, String.valueOf(type)); }

    /** The short form ({@code AV}), or the number. */
    public static String abbreviation(int type) { return SHORT.getOrDefault(type, String.valueOf(type)); }

    /** A type by standard name or short form, any case; {@code device} is not a point object. */
    public static Optional<Integer> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (var entry : NAMES.entrySet()) {
            if (entry.getKey() == DEVICE) continue;
            if (entry.getValue().equals(wanted) || SHORT.get(entry.getKey()).toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Every name and short form {@link #parse} accepts, for did-you-mean hints. */
    public static java.util.List<String> spellings() {
        java.util.List<String> all = new java.util.ArrayList<>();
        NAMES.forEach((type, name) -> {
            if (type != DEVICE) {
                all.add(name);
                all.add(SHORT.get(type));
            }
        });
        return all;
    }

    public static boolean isAnalog(int type) { return type == ANALOG_INPUT || type == ANALOG_OUTPUT || type == ANALOG_VALUE; }

    public static boolean isBinary(int type) { return type == BINARY_INPUT || type == BINARY_OUTPUT || type == BINARY_VALUE; }

    public static boolean isMultiState(int type) {
        return type == MULTI_STATE_INPUT || type == MULTI_STATE_OUTPUT || type == MULTI_STATE_VALUE;
    }

    /** Whether present-value is commandable or writable by the standard: outputs and values, not inputs. */
    public static boolean isWritable(int type) {
        return type == ANALOG_OUTPUT || type == ANALOG_VALUE || type == BINARY_OUTPUT || type == BINARY_VALUE
                || type == MULTI_STATE_OUTPUT || type == MULTI_STATE_VALUE;
    }

    public static boolean isSupported(int type) { return isAnalog(type) || isBinary(type) || isMultiState(type); }
}
