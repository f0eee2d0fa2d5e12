package io.vakt.scripting.engine;

import java.lang.management.ManagementFactory;

/**
 * CPU time and allocated bytes of a worker thread. The community edition of GraalJS has no heap or CPU limit
 * of its own, so the watchdog reads these HotSpot counters of the worker's platform thread instead.
 */
final class ThreadMeters {
    private final com.sun.management.ThreadMXBean threads;

    ThreadMeters() {
        this.threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) threads.setThreadCpuTimeEnabled(true);
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
    }

    /** CPU time of the thread so far, or 0 where the JVM cannot tell. */
    long cpuNanos(long threadId) {
        return Math.max(0, threads.getThreadCpuTime(threadId));
    }

    /** Bytes the thread has allocated so far, or 0 where the JVM cannot tell. */
    long allocatedBytes(long threadId) {
        return Math.max(0, threads.getThreadAllocatedBytes(threadId));
    }
}
