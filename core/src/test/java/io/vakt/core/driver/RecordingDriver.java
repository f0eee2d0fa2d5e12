package io.vakt.core.driver;

import io.vakt.core.model.Point;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A driver whose samples the test pushes by hand and which records every call made to it. Like the simulator,
 * it holds one lock while it hands a sample to its sink and while it is advised or unadvised, so a hub that
 * calls a driver under its own lock would deadlock with it.
 *
 * <p>By default it behaves like a controller memory: {@link #read} answers the last written value (or the
 * one set with {@link #set}) and {@link #write} stores the value. Tests replace either behaviour.
 */
public final class RecordingDriver implements Driver {
    public record WriteCall(String address, Object value) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final List<String> calls = new ArrayList<>();
    private final List<WriteCall> writes = new ArrayList<>();
    private final Set<String> advised = new HashSet<>();
    private final Map<String, Integer> adviseCounts = new HashMap<>();
    private final Map<String, Integer> unadviseCounts = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Map<String, Object> memory = new HashMap<>();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile SampleSink sink = (point, sample) -> {};
    private volatile Function<Point, CompletionStage<Sample>> reads;
    private volatile BiFunction<Point, Object, CompletionStage<Void>> writer;
    private volatile RuntimeException adviseFailure;
    private volatile RuntimeException closeFailure;

    public RecordingDriver() {
        reads = point -> CompletableFuture.completedFuture(Sample.good(recalled(point), java.time.Instant.EPOCH));
        writer = (point, value) -> {
            set(point, value);
            return CompletableFuture.completedFuture(null);
        };
    }

    private static String key(Point point) { return point.address().toLowerCase(Locale.ROOT); }

    public RecordingDriver sink(SampleSink sink) {
        this.sink = sink;
        return this;
    }

    public RecordingDriver onRead(Function<Point, CompletionStage<Sample>> reads) {
        this.reads = reads;
        return this;
    }

    public RecordingDriver onWrite(BiFunction<Point, Object, CompletionStage<Void>> writer) {
        this.writer = writer;
        return this;
    }

    public RecordingDriver failAdvise(RuntimeException failure) {
        this.adviseFailure = failure;
        return this;
    }

    public RecordingDriver failClose(RuntimeException failure) {
        this.closeFailure = failure;
        return this;
    }

    /** Sets what a read of {@code point} answers by default. */
    public synchronized void set(Point point, Object value) { memory.put(key(point), value); }

    private synchronized Object recalled(Point point) { return memory.get(key(point)); }

    /** Hands a sample to the sink while holding the driver's lock, as a polling driver does. */
    public void push(Point point, Sample sample) {
        lock.lock();
        try {
            sink.accept(point, sample);
        } finally {
            lock.unlock();
        }
    }

    /** Whether another thread is waiting for the driver's lock. */
    public boolean hasThreadsWaitingForLock() { return lock.hasQueuedThreads(); }

    public void lockDriver() { lock.lock(); }

    public void unlockDriver() { lock.unlock(); }

    @Override
    public void advise(Point point) {
        lock.lock();
        try {
            synchronized (this) {
                calls.add("advise " + point.address());
                adviseCounts.merge(key(point), 1, Integer::sum);
                if (!advised.add(key(point))) violations.add("advised twice in a row: " + point.address());
            }
            RuntimeException failure = adviseFailure;
            if (failure != null) throw failure;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unadvise(Point point) {
        lock.lock();
        try {
            synchronized (this) {
                calls.add("unadvise " + point.address());
                unadviseCounts.merge(key(point), 1, Integer::sum);
                if (!advised.remove(key(point))) violations.add("unadvised while not advised: " + point.address());
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        synchronized (this) {
            calls.add("read " + point.address());
        }
        return reads.apply(point);
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        synchronized (this) {
            calls.add("write " + point.address() + "=" + value);
            writes.add(new WriteCall(point.address(), value));
        }
        return writer.apply(point, value);
    }

    @Override
    public void close() {
        closes.incrementAndGet();
        RuntimeException failure = closeFailure;
        if (failure != null) throw failure;
    }

    public synchronized List<String> calls() { return List.copyOf(calls); }

    public synchronized List<String> calls(String prefix) {
        return calls.stream().filter(call -> call.startsWith(prefix)).toList();
    }

    public synchronized List<WriteCall> writes() { return List.copyOf(writes); }

    public synchronized int adviseCount(Point point) { return adviseCounts.getOrDefault(key(point), 0); }

    public synchronized int unadviseCount(Point point) { return unadviseCounts.getOrDefault(key(point), 0); }

    public synchronized boolean isAdvised(Point point) { return advised.contains(key(point)); }

    public synchronized Set<String> advised() { return Set.copyOf(advised); }

    /** Advise/unadvise calls out of order (two advises without an unadvise between, and the like). */
    public synchronized List<String> violations() { return List.copyOf(violations); }

    public int closeCount() { return closes.get(); }

    public synchronized void clearCalls() { calls.clear(); }
}
