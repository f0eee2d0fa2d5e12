package io.vakt.server.ws;

import io.vakt.server.auth.LogText;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.diag.UpgradeOutcome;
import io.vakt.wamp.router.WampConnection;
import io.vakt.wamp.router.WampRouter;
import io.vakt.wamp.serializer.Serializer;
import io.vakt.wamp.serializer.Serializers;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code /arrigo/api/wamp} (spec §7): upgrades the request when the client offers a WAMP subprotocol, and
 * connects the socket to the router with the serializer that subprotocol names ({@code wamp.2.json} in text
 * frames, {@code wamp.2.msgpack} and {@code wamp.2.cbor} in binary frames). Sends WebSocket pings on the same
 * interval as the GraphQL endpoint (spec §15 item 5), so proxies never cut a quiet session.
 */
public final class WampWebSocketEndpoint {
    /**
     * Every subprotocol the server offers to Netty, which picks the first of the client's list that is in here.
     * The list is the server's, not the path's: the GraphQL endpoint closes 4406 when it got a WAMP one, and
     * this endpoint refuses to upgrade when a GraphQL one would be picked.
     */
    public static final List<String> SERVER_SUBPROTOCOLS = serverSubprotocols();

    private static final Logger log = LoggerFactory.getLogger(WampWebSocketEndpoint.class);

    private final Vertx vertx;
    private final VaktConfig.WebSocket transportConfig;
    private final int maxMessageBytes;
    private final WampRouter router;
    private final Set<ServerWebSocket> open = ConcurrentHashMap.newKeySet();

    public WampWebSocketEndpoint(Vertx vertx, VaktConfig.WebSocket transportConfig, int maxMessageBytes, WampRouter router) {
        this.vertx = vertx;
        this.transportConfig = transportConfig;
        this.maxMessageBytes = maxMessageBytes;
        this.router = router;
    }

    /**
     * Handles a request to the endpoint; taken before the router, as the transport needs the core socket. The
     * origin is checked before upgrading; every attempt lands in the upgrade log.
     */
    public void handle(WebSockets.UpgradeRequest upgrade) {
        HttpServerRequest request = upgrade.request();
        String clientAddress = upgrade.clientAddress();
        if (!WebSockets.isUpgrade(request)) {
            upgrade.record(UpgradeOutcome.NO_UPGRADE_HEADER);
            WebSockets.answerUpgradeRequired(request, "the WAMP endpoint", "wamp.2.json or wamp.2.msgpack");
            return;
        }
        if (!upgrade.originAdmitted("the WAMP endpoint")) return;
        List<String> offered = WebSockets.offeredSubprotocols(request);
        Optional<String> picked = negotiate(offered);
        Optional<Serializer> serializer = picked.flatMap(Serializers::forSubprotocol);
        if (serializer.isEmpty()) {
            log.info("WAMP upgrade from {} refused: no WAMP subprotocol offered first ({})", clientAddress,
                    offered.isEmpty() ? "none offered" : LogText.quoted(String.join(", ", offered)));
            upgrade.record(UpgradeOutcome.NO_SUBPROTOCOL);
            WebSockets.refusal(request, 400)
                    .end("The WAMP endpoint needs a WAMP WebSocket subprotocol: offer wamp.2.json, wamp.2.msgpack or"
                            + " wamp.2.cbor in Sec-WebSocket-Protocol"
                            + (picked.isPresent() ? ", before " + picked.get() + " (the first one the server knows wins)" : "")
                            + ".\n");
            return;
        }
        request.toWebSocket().onSuccess(socket -> {
            upgrade.record(UpgradeOutcome.UPGRADED);
            attach(socket, clientAddress);
        }).onFailure(failure -> {
            upgrade.record(UpgradeOutcome.FAILED);
            log.debug("WAMP upgrade from {} failed: {}", clientAddress, failure.toString());
        });
    }

    /** The subprotocol Netty will pick: the first the client offers that the server knows, if any. */
    static Optional<String> negotiate(List<String> offered) {
        return offered.stream().filter(SERVER_SUBPROTOCOLS::contains).findFirst();
    }

    private void attach(ServerWebSocket socket, String clientAddress) {
        Optional<Serializer> serializer = Serializers.forSubprotocol(socket.subProtocol());
        if (serializer.isEmpty()) {
            // negotiate() predicted another choice than the handshake made: refuse rather than guess the format
            log.warn("WAMP socket from {} negotiated '{}', not a WAMP subprotocol; closing", clientAddress, socket.subProtocol());
            socket.close((short) 1002, "No WAMP subprotocol negotiated");
            return;
        }
        socket.setWriteQueueMaxSize(transportConfig.writeQueueHighWaterBytes());
        WampWsTransport transport = new WampWsTransport(vertx, socket, clientAddress);
        WampConnection connection = router.open(transport, serializer.get());
        open.add(socket);
        MessageAssembler assembler = new MessageAssembler(maxMessageBytes);
        socket.frameHandler(frame -> {
            switch (assembler.accept(frame)) {
                case MessageAssembler.Result.Text text -> connection.onFrame(text.utf8());
                case MessageAssembler.Result.Binary binary -> connection.onFrame(binary.bytes());
                case MessageAssembler.Result.TooLarge tooLarge -> connection.onTooLarge(tooLarge.size());
                case MessageAssembler.Result.InvalidUtf8 ignored -> {
                    log.debug("WAMP socket from {} sent invalid UTF-8; closing 1007", clientAddress);
                    transport.close(1007, "Invalid UTF-8 in a text message");
                }
                case MessageAssembler.Result.Incomplete ignored -> { }
            }
        });
        Runnable stopPings = WebSockets.keepAlive(vertx, socket, transportConfig.pingInterval());
        socket.closeHandler(ignored -> {
            stopPings.run();
            open.remove(socket);
            connection.onClosed();
        });
        socket.exceptionHandler(failure -> log.debug("WAMP socket from {}: {}", clientAddress, failure.toString()));
    }

    /** Open WAMP sockets. */
    public int openSockets() { return open.size(); }

    /**
     * Waits up to {@code grace} for every WAMP socket to close, after {@link WampRouter#shutdown()} said GOODBYE;
     * the caller then stops Vert.x, which drops whatever is left.
     */
    public void awaitClosed(Duration grace) { WebSockets.awaitEmpty(open, grace); }

    private static List<String> serverSubprotocols() {
        List<String> all = new ArrayList<>(GraphqlWebSocketEndpoint.SUBPROTOCOLS);
        all.addAll(Serializers.SUBPROTOCOLS);
        return List.copyOf(all);
    }
}
