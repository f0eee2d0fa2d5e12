package io.vakt.bench.wamp;

import io.vertx.core.Future;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Opens many sessions with a bounded number of handshakes under way, so a thousand HELLOs do not land on the
 * router in the same millisecond, and gives up after a time limit. Failures are kept by reason, so a run that
 * could not sign in says why once, not a thousand times.
 */
final class Opener {
    private static final int CONCURRENT = 64;

    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

    <T> List<T> open(int count, IntFunction<Future<T>> task, Duration limit) throws InterruptedException {
        ConcurrentLinkedQueue<T> opened = new ConcurrentLinkedQueue<>();
        Semaphore slots = new Semaphore(CONCURRENT);
        CountDownLatch done = new CountDownLatch(count);
        long deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < count; i++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
            task.apply(i).onComplete(result -> {
                if (result.succeeded()) {
                    opened.add(result.result());
                } else {
                    failures.computeIfAbsent(String.valueOf(result.cause().getMessage()), reason -> new LongAdder()).increment();
                }
                slots.release();
                done.countDown();
            });
        }
        done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return List.copyOf(opened);
    }

    long failureCount() { return failures.values().stream().mapToLong(LongAdder::sum).sum(); }

    /** Up to five reasons with their counts. */
    Map<String, Long> failureReasons() {
        Map<String, Long> reasons = new java.util.TreeMap<>();
        failures.entrySet().stream().limit(5).forEach(entry -> reasons.put(entry.getKey(), entry.getValue().sum()));
        return reasons;
    }
}
