package io.vakt.server.wamp;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.serializer.Serializer;
import io.vakt.wamp.serializer.Serializers;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal WAMP client on the JDK's WebSocket for the server tests: it sends raw JSON text or messages
 * encoded by a serializer, and hands back every received message decoded, with the kind of frame it came in,
 * the close code and reason, and how many pings arrived (the JDK answers them).
 */
final class WampClient implements AutoCloseable {
    /** A received message and whether it came in a binary frame. */
    record Received(WampMessage message, boolean binary) {}

    /** How the server closed the socket. */
    record Close(int code, String reason) {}

    static final Map<String, Object> ROLES = Map.of("roles", Map.of("caller", Map.of(), "callee", Map.of(),
            "publisher", Map.of(), "subscriber", Map.of()));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final Listener listener;
    private final Serializer serializer;

    private WampClient(WebSocket socket, Listener listener) {
        this.socket = socket;
        this.listener = listener;
        this.serializer = Serializers.forSubprotocol(socket.getSubprotocol()).orElse(null);
    }

    static WampClient connect(String url, String... subprotocols) {
        Listener listener = new Listener();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (subprotocols.length > 0) builder.subprotocols(subprotocols[0], java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length));
        try {
            return new WampClient(builder.buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS), listener);
        } catch (Exception e) {
            throw new AssertionError("WebSocket handshake with " + url + " failed", e);
        }
    }

    String subprotocol() { return socket.getSubprotocol(); }

    /** Sends a message encoded by the negotiated serializer (text for JSON, binary otherwise). */
    WampClient send(WampMessage message) {
        byte[] bytes = serializer.encode(message);
        if (serializer.binary()) return sendBinary(bytes);
        return sendText(new String(bytes, StandardCharsets.UTF_8));
    }

    WampClient sendText(String text) {
        join(socket.sendText(text, true));
        return this;
    }

    /** Sends one text message as two fragments (a continuation frame). */
    WampClient sendFragments(String first, String second) {
        join(socket.sendText(first, false));
        join(socket.sendText(second, true));
        return this;
    }

    /** Sends without checking the result, for messages the server may refuse mid-way. */
    void sendQuietly(String text) {
        try {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the server may close while the message is still being written
        }
    }

    WampClient sendBinary(byte[] bytes) {
        join(socket.sendBinary(ByteBuffer.wrap(bytes), true));
        return this;
    }

    /** HELLO to {@code realm} with {@code authmethods} and, when not null, {@code authid}. */
    WampClient hello(String realm, List<String> authmethods, String authid) {
        Map<String, Object> details = new java.util.LinkedHashMap<>(ROLES);
        details.put("authmethods", authmethods);
        if (authid != null) details.put("authid", authid);
        return send(new WampMessage.Hello(realm, details));
    }

    /** Joins realm1 with {@code credential} as the anonymous authid and returns the WELCOME. */
    WampMessage.Welcome join(String credential) {
        hello("realm1", List.of("anonymous"), credential);
        return expect(WampMessage.Welcome.class);
    }

    /** The next message; fails if it is not of {@code type}. */
    <T extends WampMessage> T expect(Class<T> type) {
        WampMessage message = next().message();
        if (!type.isInstance(message)) throw new AssertionError("expected " + type.getSimpleName() + ", got " + message);
        return type.cast(message);
    }

    Received next() {
        try {
            Received received = listener.messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (received == null) throw new AssertionError("no message within " + WAIT + "; closed: " + listener.closed.getNow(null));
            return received;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Close awaitClose() {
        try {
            return listener.closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the socket", e);
        }
    }

    boolean isClosed() { return listener.closed.isDone(); }

    int pings() { return listener.pings.get(); }

    private static void join(CompletableFuture<WebSocket> sent) {
        try {
            sent.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("sending failed", e);
        }
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final BlockingQueue<Received> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Close> closed = new CompletableFuture<>();
        final AtomicInteger pings = new AtomicInteger();
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                messages.add(new Received(Serializers.JSON.decode(text.toString().getBytes(StandardCharsets.UTF_8)), false));
                text.setLength(0);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
            if (last) {
                Serializer decoder = Serializers.forSubprotocol(socket.getSubprotocol()).orElse(Serializers.MSGPACK);
                messages.add(new Received(decoder.decode(binary.toByteArray()), true));
                binary.reset();
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket socket, ByteBuffer message) {
            pings.incrementAndGet();
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(new Close(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(new Close(-1, String.valueOf(error)));
        }
    }
}
