package io.vakt.server.ws;

import io.vakt.core.error.Fault;
import io.vakt.graphql.ws.LegacySession;
import io.vakt.graphql.ws.SessionContext;
import io.vakt.graphql.ws.SessionListener;
import io.vakt.graphql.ws.TransportWsSession;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.diag.UpgradeOutcome;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * {@code /arrigo/api/graphql/ws}: upgrades the request, picks the protocol from the negotiated subprotocol
 * (spec §6 decision: {@code graphql-ws} — also when none is offered — or {@code graphql-transport-ws}), and
 * wires the socket to a protocol session. Sends WebSocket pings on a fixed interval so proxies with idle
 * timeouts never cut a quiet session.
 */
public final class GraphqlWebSocketEndpoint {
    public static final String LEGACY = "graphql-ws";
    public static final String TRANSPORT_WS = "graphql-transport-ws";
    /** Offered to Netty's handshaker, which picks the first of the client's list that is in here. */
    public static final List<String> SUBPROTOCOLS = List.of(TRANSPORT_WS, LEGACY);

    private static final Logger log = LoggerFactory.getLogger(GraphqlWebSocketEndpoint.class);

    private final Vertx vertx;
    private final VaktConfig.WebSocket transportConfig;
    private final int maxMessageBytes;
    private final Function<io.vakt.graphql.ws.WsTransport, SessionContext> contexts;
    private final SessionRegistry registry;

    /**
     * @param contexts builds a session's context around its transport (the assembly supplies the token
     *                 verifier, operation executor, stats and clock)
     */
    public GraphqlWebSocketEndpoint(Vertx vertx, VaktConfig.WebSocket transportConfig, int maxMessageBytes,
                                    Function<io.vakt.graphql.ws.WsTransport, SessionContext> contexts,
                                    SessionRegistry registry) {
        this.vertx = vertx;
        this.transportConfig = transportConfig;
        this.maxMessageBytes = maxMessageBytes;
        this.contexts = contexts;
        this.registry = registry;
    }

    /**
     * Handles a request to the endpoint; {@code loop} is the executor of the event loop serving it. Upgrades
     * are taken before the router: Vert.x Web wraps the sockets it upgrades, and the transport needs the core
     * socket's Netty context. The origin is checked before upgrading; every attempt lands in the upgrade log.
     */
    public void handle(WebSockets.UpgradeRequest upgrade, Executor loop) {
        HttpServerRequest request = upgrade.request();
        String clientAddress = upgrade.clientAddress();
        if (!WebSockets.isUpgrade(request)) {
            upgrade.record(UpgradeOutcome.NO_UPGRADE_HEADER);
            WebSockets.answerUpgradeRequired(request, "the GraphQL WebSocket endpoint", "graphql-ws or graphql-transport-ws");
            return;
        }
        if (!upgrade.originAdmitted("the GraphQL WebSocket endpoint")) return;
        List<String> offered = WebSockets.offeredSubprotocols(request);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        request.toWebSocket().onSuccess(socket -> {
            String chosen = socket.subProtocol();
            boolean spoken = TRANSPORT_WS.equals(chosen) || LEGACY.equals(chosen) || (chosen == null && offered.isEmpty());
            upgrade.record(spoken ? UpgradeOutcome.UPGRADED : UpgradeOutcome.NO_SUBPROTOCOL);
            attach(socket, offered, loop, clientAddress, authorization);
        }).onFailure(failure -> {
            upgrade.record(UpgradeOutcome.FAILED);
            log.debug("WebSocket upgrade from {} failed: {}", clientAddress, failure.toString());
        });
    }

    private void attach(ServerWebSocket socket, List<String> offered, Executor loop, String clientAddress,
                        String authorization) {
        VertxWsTransport transport = new VertxWsTransport(vertx, socket, loop, clientAddress, authorization);
        String chosen = socket.subProtocol();
        SessionListener session;
        if (TRANSPORT_WS.equals(chosen)) {
            session = new TransportWsSession(contexts.apply(transport));
        } else if (LEGACY.equals(chosen) || (chosen == null && offered.isEmpty())) {
            session = new LegacySession(contexts.apply(transport));
        } else {
            // spec §15 item 3: only unknown subprotocols offered → no subprotocol, close 4406
            log.info("GraphQL WebSocket from {} offered no supported subprotocol ({}); closing 4406", clientAddress, offered);
            transport.close(Fault.UNSUPPORTED_SUBPROTOCOL.closeCode(), "Unsupported subprotocol: use graphql-ws or graphql-transport-ws");
            return;
        }
        socket.setWriteQueueMaxSize(transportConfig.writeQueueHighWaterBytes());
        registry.add(session, loop);
        MessageAssembler assembler = new MessageAssembler(maxMessageBytes);
        socket.frameHandler(frame -> {
            switch (assembler.accept(frame)) {
                case MessageAssembler.Result.Text text -> session.onText(text.text());
                case MessageAssembler.Result.Binary ignored -> session.onBinary();
                case MessageAssembler.Result.TooLarge ignored -> session.onTooLarge(maxMessageBytes);
                case MessageAssembler.Result.InvalidUtf8 ignored -> {
                    log.debug("GraphQL WebSocket from {} sent invalid UTF-8; closing 1007", clientAddress);
                    transport.close(1007, "Invalid UTF-8 in a text message");
                }
                case MessageAssembler.Result.Incomplete ignored -> { }
            }
        });
        Runnable stopPings = WebSockets.keepAlive(vertx, socket, transportConfig.pingInterval());
        socket.closeHandler(ignored -> {
            stopPings.run();
            registry.remove(session);
            session.onClosed();
        });
        socket.exceptionHandler(failure -> log.debug("GraphQL WebSocket from {}: {}", clientAddress, failure.toString()));
        session.start();
    }
}
