package io.vakt.bench.wamp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The coordinator's words to a client process, one per line on standard input ({@code go}, {@code exit}). A
 * closed standard input means the coordinator is gone, which ends every wait at once.
 */
final class Commands {
    private static final String GONE = "";
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    Commands() {
        Thread.ofPlatform().daemon().name("commands").start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line.trim());
            } catch (IOException ignored) {
                // same as end of input: the coordinator is gone
            }
            lines.add(GONE);
        });
    }

    /** Waits for {@code word}; false when the limit passed or the coordinator went away first. */
    boolean await(String word, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(GONE)) {
                if (line != null) lines.add(GONE);
                return false;
            }
            if (line.equals(word)) return true;
        }
    }
}
