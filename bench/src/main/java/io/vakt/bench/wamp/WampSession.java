package io.vakt.bench.wamp;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Error;
import io.vakt.wamp.message.WampMessage.Goodbye;
import io.vakt.wamp.message.WampMessage.Hello;
import io.vakt.wamp.message.WampMessage.Registered;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vakt.wamp.message.WampMessage.Welcome;
import io.vakt.wamp.serializer.Serializer;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One WAMP session over a Vert.x WebSocket, as thin as a load client can be: the router's own serializers and
 * message records, one setup request at a time ({@link #ask}), and every other message handed to one handler.
 * Confined to the socket's event loop: the handler runs there, and {@link #send} must be called there.
 */
final class WampSession {
    private static final long REPLY_LIMIT_MS = 20_000;
    /** HELLO and WELCOME carry no request id; this one stands for them among the pending replies. */
    private static final long HANDSHAKE = 0;

    private final Vertx vertx;
    private final WebSocket socket;
    private final Serializer serializer;
    private final Context context;
    private final Measurements measurements;
    private Consumer<WampMessage> handler;
    private Promise<WampMessage> pendingReply;
    private long pendingRequest = -1;
    private long lastRequest;
    private boolean leaving;

    private WampSession(Vertx vertx, WebSocket socket, Serializer serializer, Context context, Measurements measurements) {
        this.vertx = vertx;
        this.socket = socket;
        this.serializer = serializer;
        this.context = context;
        this.measurements = measurements;
        this.handler = message -> measurements.unexpectedMessage();
    }

    /** Connects, sends HELLO with {@code authid} and completes with the session once WELCOME arrives. */
    static Future<WampSession> join(Vertx vertx, WebSocketClient client, URI url, Serializer serializer, String authid,
                                    Measurements measurements) {
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost(url.getHost()).setPort(url.getPort())
                .setURI(url.getPath()).addSubProtocol(serializer.subprotocol());
        return client.connect(connect).compose(socket -> {
            if (!serializer.subprotocol().equals(socket.subProtocol())) {
                socket.close();
                return Future.failedFuture("the server chose subprotocol " + socket.subProtocol());
            }
            WampSession session = new WampSession(vertx, socket, serializer, vertx.getOrCreateContext(), measurements);
            return session.hello(authid);
        });
    }

    private Future<WampSession> hello(String authid) {
        socket.binaryMessageHandler(buffer -> receive(buffer.getBytes()));
        socket.textMessageHandler(text -> receive(text.getBytes(StandardCharsets.UTF_8)));
        socket.closeHandler(ignored -> closed());
        Map<String, Object> roles = Map.of("caller", Map.of(),
                "callee", Map.of("features", Map.of("progressive_call_results", true)),
                "publisher", Map.of(), "subscriber", Map.of());
        Map<String, Object> details = Map.of("authmethods", List.of("anonymous"), "authid", authid, "roles", roles);
        return awaitReply(HANDSHAKE, new Hello("realm1", details)).compose(reply -> reply instanceof Welcome
                ? Future.succeededFuture(this) : Future.failedFuture(Replies.describe(reply)));
    }

    /** Sends the request {@code build} makes with a fresh request id and completes with its reply. */
    Future<WampMessage> ask(LongFunction<WampMessage> build) {
        long request = nextRequest();
        return awaitReply(request, build.apply(request));
    }

    private Future<WampMessage> awaitReply(long request, WampMessage message) {
        if (pendingReply != null) return Future.failedFuture("a setup request is already waiting for its reply");
        Promise<WampMessage> reply = Promise.promise();
        pendingReply = reply;
        pendingRequest = request;
        long timer = vertx.setTimer(REPLY_LIMIT_MS, ignored -> {
            if (pendingReply == reply) pendingReply = null;
            reply.tryFail("no reply to " + message.getClass().getSimpleName() + " within " + REPLY_LIMIT_MS + " ms");
        });
        send(message);
        return reply.future().andThen(ignored -> vertx.cancelTimer(timer));
    }

    /** Every message that is no reply to a setup request goes here from now on. */
    void onMessage(Consumer<WampMessage> handler) { this.handler = handler; }

    /** Request ids count up from 1 per session, as the WAMP spec's session scope asks. */
    long nextRequest() { return ++lastRequest; }

    Context context() { return context; }

    void send(WampMessage message) {
        byte[] bytes = serializer.encode(message);
        if (serializer.binary()) {
            socket.writeBinaryMessage(Buffer.buffer(bytes));
        } else {
            socket.writeTextMessage(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** GOODBYE, then the close frame; the reply is not awaited, the run is over. */
    Future<Void> leave() {
        Promise<Void> done = Promise.promise();
        context.runOnContext(ignored -> {
            leaving = true;
            if (!socket.isClosed()) send(new Goodbye(Map.of(), "wamp.close.system_shutdown"));
            socket.close().onComplete(done);
        });
        return done.future();
    }

    private void receive(byte[] bytes) {
        WampMessage message;
        try {
            message = serializer.decode(bytes);
        } catch (RuntimeException e) {
            measurements.protocolError();
            return;
        }
        if (pendingReply != null && answersPending(message)) {
            Promise<WampMessage> reply = pendingReply;
            pendingReply = null;
            reply.tryComplete(message);
        } else if (message instanceof Goodbye) {
            // the router ends the session (token expiry, shutdown): answer as the protocol asks, count it
            measurements.sessionLost();
            leaving = true;
            send(new Goodbye(Map.of(), "wamp.close.goodbye_and_out"));
            socket.close();
        } else {
            handler.accept(message);
        }
    }

    private boolean answersPending(WampMessage message) {
        return switch (message) {
            case Welcome ignored -> pendingRequest == HANDSHAKE;
            case Abort ignored -> true;
            case Registered registered -> registered.request() == pendingRequest;
            case Subscribed subscribed -> subscribed.request() == pendingRequest;
            case Error error -> error.request() == pendingRequest;
            default -> false;
        };
    }

    private void closed() {
        if (pendingReply != null) {
            Promise<WampMessage> reply = pendingReply;
            pendingReply = null;
            reply.tryFail("connection closed" + (socket.closeReason() == null ? "" : ": " + socket.closeReason()));
        } else if (!leaving) {
            measurements.sessionLost();
        }
    }
}
