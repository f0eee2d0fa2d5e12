package io.vakt.bench.wamp;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the server's time goes, read inside its own JVM (the coordinator runs the server): process CPU, CPU
 * per thread (event loops against the router's thread against everything else) and GC, over the measured
 * window. With two cores shared with the client processes, this tells whether the server or the load
 * generator was the limit.
 */
final class ServerProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    record Snapshot(long wallNanos, long cpuNanos, Map<Long, Long> threadCpuNanos, Map<Long, String> threadNames,
                    long gcMillis, long gcCount) {}

    private ServerProbe() {}

    static Snapshot take() {
        Map<Long, Long> cpu = new HashMap<>();
        Map<Long, String> names = new HashMap<>();
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null) continue;
            long nanos = THREADS.getThreadCpuTime(info.getThreadId());
            if (nanos < 0) continue;
            cpu.put(info.getThreadId(), nanos);
            names.put(info.getThreadId(), info.getThreadName());
        }
        long gcMillis = 0;
        long gcCount = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcMillis += Math.max(0, gc.getCollectionTime());
            gcCount += Math.max(0, gc.getCollectionCount());
        }
        long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        return new Snapshot(System.nanoTime(), processCpu, cpu, names, gcMillis, gcCount);
    }

    static double cores(Snapshot before, Snapshot after) {
        return (after.cpuNanos() - before.cpuNanos()) / (double) (after.wallNanos() - before.wallNanos());
    }

    /** Lines such as {@code server JVM 1.21 cores; GC 3 collections, 41 ms; busiest threads: …}. */
    static List<String> describe(Snapshot before, Snapshot after) {
        double seconds = (after.wallNanos() - before.wallNanos()) / 1e9;
        String total = String.format("server JVM (server and coordinator): %.2f cores; GC %d collections, %d ms",
                (after.cpuNanos() - before.cpuNanos()) / 1e9 / seconds, after.gcCount() - before.gcCount(),
                after.gcMillis() - before.gcMillis());
        String busiest = after.threadCpuNanos().entrySet().stream()
                .map(entry -> Map.entry(after.threadNames().get(entry.getKey()),
                        entry.getValue() - before.threadCpuNanos().getOrDefault(entry.getKey(), 0L)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
                .limit(8)
                .map(entry -> String.format("%s %.2f", entry.getKey(), entry.getValue() / 1e9 / seconds))
                .reduce((a, b) -> a + ", " + b).orElse("none");
        return List.of(total, "busiest server threads (cores): " + busiest);
    }
}
