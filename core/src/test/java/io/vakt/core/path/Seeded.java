package io.vakt.core.path;

import java.util.Random;
import java.util.function.Consumer;

/**
 * Seeded random tests without a property-test library: each run draws a fresh seed (or takes
 * {@code -Dvakt.seed=N}) and a failure names the seed so it can be repeated exactly.
 */
public final class Seeded {
    private Seeded() {}

    public static void run(String what, Consumer<Random> test) {
        long seed = Long.getLong("vakt.seed", System.nanoTime() ^ Thread.currentThread().threadId() * 0x9E3779B97F4A7C15L);
        try {
            test.accept(new Random(seed));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(what + " failed with seed " + seed + " (repeat with -Dvakt.seed=" + seed + ")", e);
        }
    }

    /** A random string of {@code length} Unicode scalar values from ASCII, Latin-1, Greek, CJK and emoji. */
    public static String text(Random random, int length) {
        int[][] ranges = {{0x20, 0x7E}, {0xA0, 0xFF}, {0x391, 0x3C9}, {0x4E00, 0x9FFF}, {0x1F300, 0x1F64F}};
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int[] range = ranges[random.nextInt(ranges.length)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    /** A random technical name: letters, digits, {@code _} and {@code -}. */
    public static String name(Random random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < length; i++) name.append(alphabet.charAt(random.nextInt(alphabet.length())));
        return name.toString();
    }
}
