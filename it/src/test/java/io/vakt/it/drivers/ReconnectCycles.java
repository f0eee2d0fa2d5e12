package io.vakt.it.drivers;

import java.time.Duration;

/**
 * The leak check every driver IT runs: take the peer away and bring it back many times, each time waiting until
 * a watched point is {@code ErrorUnreachable} and then has a value again, and compare threads, open files and heap
 * before and after. Five warm-up cycles come first, so lazily created pools are not counted as leaks.
 */
final class ReconnectCycles {
    private static final int WARM_UP = 5;
    private static final Duration WAIT = Duration.ofSeconds(15);

    private ReconnectCycles() {}

    /** Runs {@code cycles} measured cut/restore cycles and fails if anything grew; returns their duration. */
    static Duration run(String driver, Subscriber subscriber, String address, Runnable cut, Runnable restore, int cycles) {
        subscriber.await(address, LiveUpdate::hasValue, WAIT);
        for (int i = 0; i < WARM_UP; i++) cycle(subscriber, address, cut, restore);
        ResourceCount before = ResourceCount.now();
        long started = System.nanoTime();
        for (int i = 0; i < cycles; i++) cycle(subscriber, address, cut, restore);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ResourceCount after = ResourceCount.now();
        System.out.printf("%s: %d cut/restore cycles in %d ms (%d ms each); before %s, after %s%n", driver, cycles,
                took.toMillis(), took.toMillis() / cycles, before, after);
        after.assertNoLeakSince(before, cycles + " " + driver + " reconnects");
        return took;
    }

    private static void cycle(Subscriber subscriber, String address, Runnable cut, Runnable restore) {
        cut.run();
        subscriber.awaitLatest(address, update -> update.type().equals("ErrorUnreachable"), WAIT);
        restore.run();
        subscriber.awaitLatest(address, LiveUpdate::hasValue, WAIT);
    }
}
