package io.vakt.driver.modbus;

import java.nio.ByteBuffer;

/**
 * Turns register bytes as they travel on the wire (each register high byte first, registers in address
 * order) into the raw number of a {@link Format} in an {@link Order}, and back. Scaling is not done here
 * ({@link ModbusPoint} does it), so this class is exact for every format.
 */
public final class RegisterCodec {
    private RegisterCodec() {}

    /**
     * The raw value of {@code format} in the wire bytes {@code wire} (2 bytes per register, exactly
     * {@code format.registers()} registers).
     *
     * @param bit the bit number for {@link Format#BIT}, ignored otherwise
     */
    public static double decode(Format format, Order order, byte[] wire, int bit) {
        if (!format.isNumber() && format != Format.BIT) throw new IllegalArgumentException(format + " is no register format");
        if (wire.length != 2 * format.registers()) {
            throw new IllegalArgumentException(format + " needs " + 2 * format.registers() + " bytes, got " + wire.length);
        }
        ByteBuffer value = ByteBuffer.wrap(order.rearrange(wire));
        return switch (format) {
            case BIT -> ((value.getShort() & 0xFFFF) >> bit) & 1;
            case INT16 -> value.getShort();
            case UINT16 -> value.getShort() & 0xFFFF;
            case INT32 -> value.getInt();
            case UINT32 -> value.getInt() & 0xFFFF_FFFFL;
            // the shortest decimal that is this float, so 21.7f reads as 21.7 rather than 21.700000762939453
            case FLOAT32 -> Double.parseDouble(Float.toString(value.getFloat()));
            case FLOAT64 -> value.getDouble();
            case BOOL -> throw new IllegalStateException();
        };
    }

    /**
     * The wire bytes of the raw value {@code raw} in {@code format}; integer formats round to the nearest
     * whole number.
     *
     * @throws IllegalArgumentException when the value does not fit the format (the message says its range)
     */
    public static byte[] encode(Format format, Order order, double raw) {
        if (!Double.isFinite(raw)) throw new IllegalArgumentException(raw + " is not a finite number");
        ByteBuffer value = ByteBuffer.allocate(2 * format.registers());
        switch (format) {
            case INT16 -> value.putShort((short) whole(raw, Short.MIN_VALUE, Short.MAX_VALUE, format));
            case UINT16 -> value.putShort((short) whole(raw, 0, 0xFFFF, format));
            case INT32 -> value.putInt((int) whole(raw, Integer.MIN_VALUE, Integer.MAX_VALUE, format));
            case UINT32 -> value.putInt((int) whole(raw, 0, 0xFFFF_FFFFL, format));
            case FLOAT32 -> {
                if (Math.abs(raw) > Float.MAX_VALUE) throw new IllegalArgumentException(raw + " does not fit float32");
                value.putFloat((float) raw);
            }
            case FLOAT64 -> value.putDouble(raw);
            case BIT, BOOL -> throw new IllegalArgumentException(format + " is written bit by bit, not encoded");
        }
        return order.rearrange(value.array());
    }

    /** The register {@code register} (0..65535) with bit {@code bit} set to {@code on}. */
    public static int withBit(int register, int bit, boolean on) {
        return on ? register | (1 << bit) : register & ~(1 << bit) & 0xFFFF;
    }

    private static long whole(double raw, long min, long max, Format format) {
        long rounded = Math.round(raw);
        if (raw < min - 0.5 || raw >= max + 0.5 || rounded < min || rounded > max) {
            throw new IllegalArgumentException(format(raw) + " does not fit " + format.name().toLowerCase(java.util.Locale.ROOT)
                    + " (" + min + " to " + max + ")");
        }
        return rounded;
    }

    private static String format(double raw) {
        return raw == Math.rint(raw) && Math.abs(raw) < 1e15 ? Long.toString((long) raw) : Double.toString(raw);
    }
}
