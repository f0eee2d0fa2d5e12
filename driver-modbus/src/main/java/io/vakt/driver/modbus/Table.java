package io.vakt.driver.modbus;

import java.util.Locale;
import java.util.Optional;

/**
 * The four Modbus data tables, with the limits the protocol puts on one read (Modbus Application Protocol
 * V1.1b3 §6.1–6.4: 2000 coils or discrete inputs, 125 registers per request).
 */
public enum Table {
    COIL("coil", "C", true, true, 2000),
    DISCRETE("discrete", "DI", true, false, 2000),
    HOLDING("holding", "HR", false, true, 125),
    INPUT("input", "IR", false, false, 125);

    private final String label;
    private final String prefix;
    private final boolean bits;
    private final boolean writable;
    private final int maxPerRead;

    Table(String label, String prefix, boolean bits, boolean writable, int maxPerRead) {
        this.label = label;
        this.prefix = prefix;
        this.bits = bits;
        this.writable = writable;
        this.maxPerRead = maxPerRead;
    }

    /** How controller files write it: {@code holding} in {@code register: holding:100}. */
    public String label() { return label; }

    /** The short form used in scanned point addresses: {@code HR100}, {@code C3}. */
    public String prefix() { return prefix; }

    /** True for the single-bit tables (coils, discrete inputs). */
    public boolean bits() { return bits; }

    /** Whether the protocol has write functions for it (coils and holding registers only). */
    public boolean writable() { return writable; }

    /** The most items one read request may ask for. */
    public int maxPerRead() { return maxPerRead; }

    /** {@code coil}, {@code coils}, {@code discrete}, {@code di}, {@code holding}, {@code hr}, {@code input}, {@code ir}, … */
    public static Optional<Table> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
            case "coil", "coils", "c", "co" -> Optional.of(COIL);
            case "discrete", "discreteinput", "discreteinputs", "di" -> Optional.of(DISCRETE);
            case "holding", "holdingregister", "holdingregisters", "hr" -> Optional.of(HOLDING);
            case "input", "inputregister", "inputregisters", "ir" -> Optional.of(INPUT);
            default -> Optional.empty();
        };
    }
}
