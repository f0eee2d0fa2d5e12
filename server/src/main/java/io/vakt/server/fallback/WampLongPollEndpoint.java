package io.vakt.server.fallback;

import io.vakt.core.error.Fault;
import io.vakt.server.http.ClientAddress;
import io.vakt.server.http.HttpAnswer;
import io.vakt.server.http.Responses;
import io.vakt.wamp.longpoll.LongPollProtocol;
import io.vakt.wamp.longpoll.LongPollTransport;
import io.vakt.wamp.longpoll.LongPollTransports;
import io.vakt.wamp.router.WampRouter;
import io.vakt.wamp.serializer.Serializers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code /arrigo/api/wamp/longpoll}: the WAMP long-poll transport (docs/fallback-transports.md). Each transport is
 * one more connection of the WAMP router, like a WebSocket; this class only maps the HTTP requests onto it.
 * A parked {@code receive} holds no thread: its reply is written from whichever thread the router delivers on,
 * hopping back to the request's event loop.
 */
final class WampLongPollEndpoint {
    private static final Logger log = LoggerFactory.getLogger(WampLongPollEndpoint.class);

    private final Vertx vertx;
    private final WampRouter router;
    private final LongPollTransports transports;
    private final Duration longPollWait;

    WampLongPollEndpoint(Vertx vertx, WampRouter router, LongPollTransports transports, Duration longPollWait) {
        this.vertx = vertx;
        this.router = router;
        this.transports = transports;
        this.longPollWait = longPollWait;
    }

    void open(RoutingContext routing) {
        switch (LongPollProtocol.negotiate(body(routing))) {
            case LongPollProtocol.Negotiation.Refused refused ->
                    Responses.write(routing, HttpAnswer.error(Fault.INVALID_ARGUMENT, refused.reason()));
            case LongPollProtocol.Negotiation.Chosen chosen -> {
                String client = ClientAddress.of(routing);
                LongPollTransport transport = transports.open(chosen.protocol(), client,
                        opened -> router.open(opened, Serializers.JSON), System.nanoTime());
                log.debug("WAMP long-poll transport opened by {} ({})", client, chosen.protocol().id());
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("protocol", chosen.protocol().id());
                body.put("transport", transport.id());
                Responses.write(routing, HttpAnswer.ok(body));
            }
        }
    }

    /** {@code …/<transport>/<action>}. */
    void act(RoutingContext routing) {
        String action = routing.pathParam("action");
        Optional<LongPollTransport> found = transports.find(routing.pathParam("transport"));
        if (found.isEmpty()) {
            Responses.write(routing, unknownTransport(routing.pathParam("transport")));
            return;
        }
        LongPollTransport transport = found.get();
        switch (action) {
            case "send" -> send(routing, transport);
            case "receive" -> receive(routing, transport);
            case "close" -> {
                transports.close(transport);
                Responses.write(routing, HttpAnswer.noContent());
            }
            default -> Responses.write(routing, HttpAnswer.error(Fault.NOT_FOUND, "No WAMP long-poll action \""
                    + abbreviate(action) + "\": use send, receive or close"));
        }
    }

    private void send(RoutingContext routing, LongPollTransport transport) {
        switch (transport.accept(body(routing))) {
            case LongPollTransport.SendResult.Accepted ignored -> Responses.write(routing, HttpAnswer.noContent());
            case LongPollTransport.SendResult.TooLarge tooLarge -> Responses.write(routing, HttpAnswer.error(Fault.MESSAGE_TOO_LARGE,
                    "WAMP message of " + tooLarge.bytes() + " bytes exceeds wamp.maxMessageSize (" + tooLarge.limit()
                            + " bytes); the session was ended"));
            case LongPollTransport.SendResult.Gone ignored -> Responses.write(routing, unknownTransport(transport.id()));
        }
    }

    private void receive(RoutingContext routing, LongPollTransport transport) {
        Context context = vertx.getOrCreateContext();
        HttpServerResponse response = routing.response();
        long[] timer = {-1};
        Consumer<LongPollTransport.Reply> receiver = reply -> context.runOnContext(ignored -> {
            if (timer[0] >= 0) vertx.cancelTimer(timer[0]);
            switch (reply) {
                case LongPollTransport.Reply.Messages messages -> {
                    if (response.ended() || response.closed()) return;
                    response.setStatusCode(200).putHeader("Content-Type", "application/json; charset=utf-8")
                            .putHeader("Cache-Control", "no-store").end(Buffer.buffer(messages.body()));
                }
                case LongPollTransport.Reply.Empty ignoredEmpty -> Responses.write(routing, HttpAnswer.noContent());
                case LongPollTransport.Reply.Gone ignoredGone -> Responses.write(routing, HttpAnswer.error(Fault.NOT_FOUND,
                        "The WAMP session of this long-poll transport has ended (" + transport.closeReason()
                                + "); open a new transport"));
            }
        });
        timer[0] = vertx.setTimer(Math.max(1, longPollWait.toMillis()),
                ignored -> transport.expire(receiver, System.nanoTime()));
        // a client that gives up waiting must not keep the slot: a message would go to a closed response
        response.closeHandler(ignored -> transport.expire(receiver, System.nanoTime()));
        transport.receive(receiver, System.nanoTime());
    }

    private static HttpAnswer unknownTransport(String id) {
        return HttpAnswer.error(Fault.NOT_FOUND, "No WAMP long-poll transport " + abbreviate(id == null ? "" : id)
                + ": it was closed or timed out (fallback.sessionTimeout); open a new one");
    }

    private static String abbreviate(String text) { return text.length() > 12 ? text.substring(0, 8) + "…" : text; }

    private static byte[] body(RoutingContext routing) {
        Buffer raw = routing.body() == null ? null : routing.body().buffer();
        return raw == null ? new byte[0] : raw.getBytes();
    }
}
