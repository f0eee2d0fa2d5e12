package io.vakt.graphql.live;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** A group member that records what it is handed, on an executor that counts its tasks. */
final class RecordingMember implements GroupMember {
    record Delivery(int element, String payload, boolean oneShot) {}

    /** Runs tasks at once and counts them. */
    static final class CountingExecutor implements Executor {
        final AtomicInteger tasks = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            tasks.incrementAndGet();
            task.run();
        }
    }

    private final Executor executor;
    private final List<Delivery> deliveries = new ArrayList<>();

    RecordingMember(Executor executor) { this.executor = executor; }

    RecordingMember() { this(Runnable::run); }

    @Override
    public Executor executor() { return executor; }

    @Override
    public synchronized void deliver(int element, byte[] payload, boolean oneShot) {
        deliveries.add(new Delivery(element, new String(payload, StandardCharsets.UTF_8), oneShot));
    }

    synchronized List<Delivery> deliveries() { return List.copyOf(deliveries); }

    synchronized List<Delivery> take() {
        List<Delivery> taken = List.copyOf(deliveries);
        deliveries.clear();
        return taken;
    }

    synchronized List<Integer> elements() { return deliveries.stream().map(Delivery::element).toList(); }

    /** The last payload handed over for {@code element}, or null. */
    synchronized String last(int element) {
        for (int i = deliveries.size() - 1; i >= 0; i--) {
            if (deliveries.get(i).element() == element) return deliveries.get(i).payload();
        }
        return null;
    }
}
