package io.vakt.server.fallback;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a text/event-stream body on a virtual thread into events (comment lines counted apart), so a test can
 * wait for the next event with a time limit.
 */
final class EventStream implements AutoCloseable {
    record Event(String event, String data) {}

    static final Event END = new Event("<end of stream>", "");

    private final InputStream body;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private volatile int comments;

    EventStream(InputStream body) {
        this.body = body;
        Thread.ofVirtual().start(this::read);
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String event = "";
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!event.isEmpty() || !data.isEmpty()) events.add(new Event(event, data.toString()));
                    event = "";
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) data.append('\n');
                    data.append(line.substring(5).trim());
                }
            }
        } catch (IOException closed) {
            // the test closed the stream
        } finally {
            events.add(END);
        }
    }

    /** The next event, or fails after {@code limit}. */
    Event next(Duration limit) {
        try {
            Event event = events.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) throw new AssertionError("no event within " + limit);
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int comments() { return comments; }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
