package io.vakt.driver.modbus;

/**
 * How a point's value is stored in its table: one bit of a coil or discrete input, one bit of a register,
 * or a number spread over one to four registers.
 */
public enum Format {
    /** A coil or discrete input. */
    BOOL(0, false),
    /** One bit ({@code bit: 0..15}, 0 the least significant) of a register. */
    BIT(1, false),
    INT16(1, true),
    UINT16(1, true),
    INT32(2, true),
    UINT32(2, true),
    FLOAT32(2, true),
    FLOAT64(4, true);

    private final int registers;
    private final boolean number;

    Format(int registers, boolean number) {
        this.registers = registers;
        this.number = number;
    }

    /** Registers the value occupies (0 for {@link #BOOL}, which lives in a bit table). */
    public int registers() { return registers; }

    /** True for the register number formats, false for the bit formats. */
    public boolean isNumber() { return number; }

    /** Items of its table one value covers: one bit, or its registers. */
    public int width() { return this == BOOL ? 1 : registers; }
}
