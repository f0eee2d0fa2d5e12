package io.vakt.it.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What this JVM holds — live threads, open file descriptors (sockets among them) and used heap after a
 * collection — to show that a driver leaks nothing across many reconnects. The slack covers what the rest
 * of the process (the server, the test's clients, JIT and GC threads) may legitimately start meanwhile.
 */
public record ResourceCount(int threads, long openFiles, long heapUsed, Map<String, Long> threadGroups) {
    private static final int THREAD_SLACK = 8;
    private static final long FILE_SLACK = 16;
    private static final long HEAP_SLACK = 48L << 20;

    public static ResourceCount now() {
        for (int i = 0; i < 3; i++) System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Map<String, Long> groups = Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.groupingBy(ResourceCount::family, java.util.TreeMap::new, Collectors.counting()));
        return new ResourceCount(ManagementFactory.getThreadMXBean().getThreadCount(), countOpenFiles(), heap, groups);
    }

    /** Fails naming what grew (and which thread families) when more than the slack is held than {@code before}. */
    public void assertNoLeakSince(ResourceCount before, String what) {
        StringBuilder problems = new StringBuilder();
        if (threads - before.threads > THREAD_SLACK) {
            problems.append(String.format("threads %d -> %d; by name: %s -> %s%n", before.threads, threads,
                    before.threadGroups, threadGroups));
        }
        if (openFiles - before.openFiles > FILE_SLACK) {
            problems.append(String.format("open files %d -> %d%n", before.openFiles, openFiles));
        }
        if (heapUsed - before.heapUsed > HEAP_SLACK) {
            problems.append(String.format("heap used %d MiB -> %d MiB%n", before.heapUsed >> 20, heapUsed >> 20));
        }
        if (!problems.isEmpty()) throw new AssertionError(what + " leaked:\n" + problems);
    }

    @Override
    public String toString() {
        return threads + " threads, " + openFiles + " open files, " + (heapUsed >> 20) + " MiB heap";
    }

    private static long countOpenFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot count open files in /proc/self/fd", e);
        }
    }

    /** A thread's name without its number: {@code nioEventLoopGroup-4-1} → {@code nioEventLoopGroup-}. */
    private static String family(Thread thread) {
        return thread.getName().replaceAll("[0-9]+", "#");
    }
}
