package io.vakt.bench.wamp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The whole machine's busy CPU from {@code /proc/stat}, to tell how much of the two cores processes outside
 * the benchmark took during the window: on a shared build machine a parallel build can halve the figures, and
 * the report should say so rather than leave it to be guessed.
 */
final class MachineLoad {
    private static final Path STAT = Path.of("/proc/stat");
    /** Kernel clock ticks per second; 100 on every Linux this runs on (USER_HZ). */
    private static final double TICKS_PER_SECOND = 100.0;

    /**
     * Busy ticks since boot, or -1 where {@code /proc/stat} cannot be read; softirq ticks apart, as loopback TCP
     * delivers packets there, charged to no process.
     */
    record Snapshot(long wallNanos, long busyTicks, long softirqTicks) {}

    private MachineLoad() {}

    static Snapshot take() {
        long busy = -1;
        long softirq = -1;
        try {
            String[] fields = Files.readAllLines(STAT).getFirst().trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal …: all but idle and iowait are busy
            busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                if (i != 4 && i != 5) busy += Long.parseLong(fields[i]);
            }
            softirq = Long.parseLong(fields[7]);
        } catch (IOException | RuntimeException e) {
            busy = -1;
        }
        return new Snapshot(System.nanoTime(), busy, softirq);
    }

    /** Busy cores over the interval, or NaN when not known. */
    static double busyCores(Snapshot before, Snapshot after) {
        return cores(before.busyTicks(), after.busyTicks(), before, after);
    }

    /** Cores spent in softirq over the interval, or NaN when not known. */
    static double softirqCores(Snapshot before, Snapshot after) {
        return cores(before.softirqTicks(), after.softirqTicks(), before, after);
    }

    private static double cores(long ticksBefore, long ticksAfter, Snapshot before, Snapshot after) {
        if (before.busyTicks() < 0 || after.busyTicks() < 0) return Double.NaN;
        double seconds = (after.wallNanos() - before.wallNanos()) / 1e9;
        return (ticksAfter - ticksBefore) / TICKS_PER_SECOND / seconds;
    }

    /** Who used the two cores: on a shared machine, a busy neighbour explains a low figure. */
    static void print(double serverCores, double clientCores, Snapshot before, Snapshot after) {
        double machineCores = busyCores(before, after);
        if (Double.isNaN(machineCores)) return;
        double softirq = softirqCores(before, after);
        double other = Math.max(0, machineCores - serverCores - clientCores - softirq);
        System.out.printf("machine: %.2f of %d cores busy in the window: server JVM %.2f, client processes %.2f,"
                        + " kernel softirq (loopback TCP) %.2f, everything else %.2f%n", machineCores,
                Runtime.getRuntime().availableProcessors(), serverCores, clientCores, softirq, other);
    }
}
