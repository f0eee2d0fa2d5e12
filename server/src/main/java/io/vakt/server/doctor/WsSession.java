package io.vakt.server.doctor;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One open WebSocket of the doctor (JDK client): whole messages queue up to be read with a timeout, and the end of
 * the socket is remembered with its close code and time. The JDK answers the server's pings with pongs by itself,
 * as a browser does, so an idle session stays as alive as a browser's would.
 */
final class WsSession implements WebSocket.Listener {
    /** How a socket ended: a close frame (code, reason) or an error; {@code at} when the doctor noticed. */
    record Ended(int code, String reason, Throwable error, Instant at) {
        String describe() {
            if (error != null) return "the connection failed: " + DoctorText.describe(error);
            return "closed with code " + code + (reason == null || reason.isBlank() ? "" : " (" + reason + ")");
        }
    }

    /** Thrown when a message was awaited and the socket ended instead. */
    static final class EndedException extends Exception {
        private final Ended ended;

        EndedException(Ended ended) {
            super(ended.describe(), null, false, false);
            this.ended = ended;
        }

        Ended ended() { return ended; }
    }

    private final LinkedBlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();
    private final StringBuilder partialText = new StringBuilder();
    private java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
    private volatile WebSocket socket;
    /** When anything last crossed the socket (a message either way, or a server ping): the start of its quiet time. */
    private volatile Instant lastActivity = Instant.now();

    void attach(WebSocket socket) { this.socket = socket; }

    WebSocket socket() { return socket; }

    String subprotocol() { return socket == null ? "" : socket.getSubprotocol(); }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastActivity = Instant.now();
        partialText.append(data);
        if (last) {
            inbox.add(partialText.toString());
            partialText.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        lastActivity = Instant.now();
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partialBinary.writeBytes(chunk);
        if (last) {
            inbox.add(partialBinary.toByteArray());
            partialBinary = new java.io.ByteArrayOutputStream();
        }
        webSocket.request(1);
        return null;
    }

    /** A server ping (the JDK sends the pong itself) is traffic a proxy sees, so it ends a quiet time too. */
    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        lastActivity = Instant.now();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended.complete(new Ended(statusCode, reason, null, Instant.now()));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended.complete(new Ended(0, null, error, Instant.now()));
    }

    void send(String text) {
        lastActivity = Instant.now();
        socket.sendText(text, true).join();
    }

    Instant lastActivity() { return lastActivity; }

    /** The next text message, waiting at most {@code timeout}; null on timeout. */
    String nextText(Duration timeout) throws EndedException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Object message = inbox.poll(Math.min(50, Math.max(0, deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (message instanceof String text) return text;
            if (message instanceof byte[] bytes) return new String(bytes, StandardCharsets.UTF_8);
            if (inbox.isEmpty() && ended.isDone()) throw new EndedException(ended.join());
            if (System.nanoTime() >= deadline) return null;
        }
    }

    /** How the socket ended, or null while it is open. */
    Ended endedOrNull() { return ended.getNow(null); }

    /** Waits until the socket ends or {@code wait} passes; the end, or null if it is still open. */
    Ended awaitEnd(Duration wait) throws InterruptedException {
        try {
            return ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return null; // never completed exceptionally
        }
    }

    /** Closes politely, and aborts if the server does not answer the close soon. */
    void close() {
        WebSocket current = socket;
        if (current == null || current.isOutputClosed()) {
            if (current != null) current.abort();
            return;
        }
        try {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "vakt doctor done").get(2, TimeUnit.SECONDS);
            ended.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the server did not answer the close: nothing left to check on this socket
        } finally {
            current.abort();
        }
    }
}
