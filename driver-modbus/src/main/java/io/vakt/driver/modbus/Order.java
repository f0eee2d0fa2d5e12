package io.vakt.driver.modbus;

/**
 * Byte and word order of a register value, named after where the bytes {@code A B C D} of the big-endian
 * value land on the wire. Modbus itself sends each register high byte first ({@code abcd}); devices differ
 * in how they put 32- and 64-bit values into several registers. For 64-bit values the pattern extends:
 * {@code dcba} reverses all eight bytes, {@code badc} swaps the bytes of each register, {@code cdab}
 * reverses the order of the registers. For one register {@code abcd} and {@code cdab} are the same, and so
 * are {@code dcba} and {@code badc} (a byte-swapped register).
 */
public enum Order {
    /** Big-endian: registers high word first, each high byte first (the Modbus default). */
    ABCD,
    /** Little-endian: every byte reversed. */
    DCBA,
    /** High word first, bytes swapped within each register. */
    BADC,
    /** Low word first ("word swap"), bytes of each register in Modbus order. */
    CDAB;

    /**
     * Rearranges bytes between wire order and big-endian value order. Every order is its own inverse, so
     * the same call serves reading and writing.
     */
    byte[] rearrange(byte[] bytes) {
        byte[] out = bytes.clone();
        int n = bytes.length;
        switch (this) {
            case ABCD -> { }
            case DCBA -> {
                for (int i = 0; i < n; i++) out[i] = bytes[n - 1 - i];
            }
            case BADC -> {
                for (int i = 0; i + 1 < n; i += 2) {
                    out[i] = bytes[i + 1];
                    out[i + 1] = bytes[i];
                }
            }
            case CDAB -> {
                int words = n / 2;
                for (int w = 0; w < words; w++) {
                    out[2 * w] = bytes[2 * (words - 1 - w)];
                    out[2 * w + 1] = bytes[2 * (words - 1 - w) + 1];
                }
            }
        }
        return out;
    }
}
