package io.vakt.it;

import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A raw GraphQL WebSocket client on the JDK's {@link WebSocket}: it offers any subprotocols, sends any text,
 * and reports what the libraries hide — the negotiated subprotocol, close codes and reasons, and ping frames.
 * Received text messages are parsed as JSON (a non-JSON message becomes {@code {"unparsable": text}}) and kept
 * in arrival order; every message gets a {@code seq} field (arrival order) and {@code receivedAtMs} (wall clock).
 */
final class RawWebSocket implements AutoCloseable {
    /** How the server closed the socket. */
    record Close(int code, String reason) {}

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final WebSocket socket;
    private final Listener listener;

    private RawWebSocket(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
    }

    static RawWebSocket connect(String url, String... subprotocols) {
        return connect(url, Map.of(), subprotocols);
    }

    static RawWebSocket connect(String url, Map<String, String> headers, String... subprotocols) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        if (subprotocols.length > 0) {
            builder.subprotocols(subprotocols[0], Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        }
        try {
            WebSocket socket = builder.buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
            return new RawWebSocket(socket, listener);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("WebSocket handshake with " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The subprotocol the server chose; empty when it chose none. */
    String subprotocol() { return socket.getSubprotocol(); }

    RawWebSocket send(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("sending failed: " + e.getMessage() + "\n" + report(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return this;
    }

    /** Sends without waiting for or checking the result (for messages the server may refuse mid-way). */
    void sendQuietly(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException ignored) {
            // the server may close while the message is still being written
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one text message as several fragments (continuation frames), without checking the result. */
    void sendFragmentsQuietly(List<String> fragments) {
        try {
            for (int i = 0; i < fragments.size(); i++) {
                socket.sendText(fragments.get(i), i == fragments.size() - 1).get(10, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException ignored) {
            // the server may close before the last fragment
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    RawWebSocket sendJson(Object message) { return send(ItSupport.JSON.writeValueAsString(message)); }

    /** The first message not returned before that matches, waiting up to {@code timeout}. */
    JsonNode awaitMessage(Predicate<JsonNode> predicate, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (listener.history) {
            for (JsonNode message : listener.history) {
                if (!message.has("taken") && predicate.test(message)) return take(message);
            }
        }
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("no matching message within " + timeout + "\n" + report());
            JsonNode message;
            try {
                message = listener.queue.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            if (message == null) continue;
            synchronized (listener.history) {
                listener.history.add(message);
            }
            if (predicate.test(message)) return take(message);
        }
    }

    JsonNode awaitType(String type, Duration timeout) { return awaitMessage(ofType(type), timeout); }

    private static JsonNode take(JsonNode message) {
        ((tools.jackson.databind.node.ObjectNode) message).put("taken", true);
        return message;
    }

    /** Every message received so far that matches, in arrival order. */
    List<JsonNode> messages(Predicate<JsonNode> predicate) {
        synchronized (listener.history) {
            listener.queue.drainTo(listener.history);
            return listener.history.stream().filter(predicate).toList();
        }
    }

    /** How the server closed the socket, waiting up to {@code timeout}. */
    Close awaitClose(Duration timeout) {
        try {
            return listener.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the socket was not closed within " + timeout + "\n" + report());
        } catch (ExecutionException e) {
            throw new AssertionError("the socket failed instead of closing: " + e.getCause() + "\n" + report(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    boolean isClosed() { return listener.closed.isDone(); }

    /** Waits until at least {@code count} ping frames arrived; the number received. */
    int awaitPings(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (listener.pings) {
            while (listener.pings.get() < count) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) break;
                try {
                    listener.pings.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return listener.pings.get();
        }
    }

    String report() {
        StringBuilder text = new StringBuilder("messages received:\n");
        for (JsonNode message : messages(m -> true)) text.append("  ").append(message).append('\n');
        if (listener.closed.isDone()) text.append("closed: ").append(listener.closed.getNow(null)).append('\n');
        return text.toString();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "test done").get(2, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException ignored) {
                // already closing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        socket.abort();
    }

    static Predicate<JsonNode> ofType(String type) {
        return message -> type.equals(NodeClients.text(message.get("type")));
    }

    static Predicate<JsonNode> ofType(String type, String id) {
        return ofType(type).and(message -> id.equals(NodeClients.text(message.get("id"))));
    }

    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        final List<JsonNode> history = new ArrayList<>();
        final CompletableFuture<Close> closed = new CompletableFuture<>();
        final AtomicInteger pings = new AtomicInteger();
        private final AtomicInteger seq = new AtomicInteger();
        private StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) { webSocket.request(1); }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial = new StringBuilder();
                tools.jackson.databind.node.ObjectNode message;
                try {
                    JsonNode parsed = ItSupport.JSON.readTree(text);
                    message = parsed instanceof tools.jackson.databind.node.ObjectNode object ? object
                            : ItSupport.JSON.createObjectNode().put("unparsable", text);
                } catch (RuntimeException e) {
                    message = ItSupport.JSON.createObjectNode().put("unparsable", text);
                }
                message.put("seq", seq.getAndIncrement());
                message.put("receivedAtMs", System.currentTimeMillis());
                queue.add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            synchronized (pings) {
                pings.incrementAndGet();
                pings.notifyAll();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
