package io.vakt.server.fallback;

import io.vakt.core.error.Fault;
import io.vakt.graphql.sse.SseMode;
import io.vakt.graphql.sse.SseRequest;
import io.vakt.graphql.sse.SseSession;
import io.vakt.graphql.ws.SessionContext;
import io.vakt.graphql.ws.WsTransport;
import io.vakt.server.http.ClientAddress;
import io.vakt.server.http.HttpAnswer;
import io.vakt.server.http.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * {@code /arrigo/api/graphql/stream}: the graphql-sse protocol (docs/fallback-transports.md) in both modes, each
 * stream served by an {@link SseSession} — the WebSocket path's {@code graphql-transport-ws} session logic.
 * A session lives on the event loop of the request that created it; requests arriving on other loops hop there.
 */
final class GraphqlSseEndpoint {
    static final String TOKEN_HEADER = "X-GraphQL-Event-Stream-Token";
    static final String ALLOWED = "GET, POST, PUT, DELETE";
    /** The operation id of a distinct-connections stream, which carries exactly one operation. */
    private static final String ONLY_OPERATION = "1";
    private static final Logger log = LoggerFactory.getLogger(GraphqlSseEndpoint.class);

    private record Reservation(SseSession session, Executor loop) {}

    private final Vertx vertx;
    private final Function<WsTransport, SessionContext> contexts;
    private final Duration openTimeout;
    private final long keepAliveMillis;
    private final int highWaterBytes;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Reservation> reservations = new ConcurrentHashMap<>();
    private final Map<SseSession, Executor> sessions = new ConcurrentHashMap<>();

    GraphqlSseEndpoint(Vertx vertx, Function<WsTransport, SessionContext> contexts, Duration openTimeout,
                       Duration keepAlive, int highWaterBytes) {
        this.vertx = vertx;
        this.contexts = contexts;
        this.openTimeout = openTimeout;
        this.keepAliveMillis = Math.max(1, keepAlive.toMillis());
        this.highWaterBytes = highWaterBytes;
    }

    /** Every request to the path, on the event loop {@code loop} serving it. */
    void handle(RoutingContext routing, Executor loop) {
        String token = streamToken(routing);
        switch (routing.request().method().name()) {
            case "PUT" -> reserve(routing, loop);
            case "GET" -> {
                if (token != null) openStream(routing, token);
                else distinct(routing, loop, SseRequest.fromParameters(routing.request().getParam("query"),
                        routing.request().getParam("variables"), routing.request().getParam("operationName"),
                        routing.request().getParam("extensions")));
            }
            case "POST" -> {
                if (!isJsonOrAbsent(routing.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
                    Responses.write(routing, HttpAnswer.error(Fault.UNSUPPORTED_MEDIA_TYPE));
                } else if (token != null) {
                    startOperation(routing, token);
                } else if (acceptsEventStream(routing)) {
                    distinct(routing, loop, SseRequest.fromJson(body(routing)));
                } else {
                    Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY, "A POST to the GraphQL event stream needs"
                            + " either the " + TOKEN_HEADER + " header of a reserved stream (single connection mode)"
                            + " or Accept: text/event-stream (distinct connections mode)"));
                }
            }
            case "DELETE" -> stopOperation(routing, token);
            default -> Responses.write(routing, new HttpAnswer(405, Map.of("Allow", ALLOWED), Map.of(
                    "error", routing.request().path() + " takes " + ALLOWED + ", not " + routing.request().method(),
                    "code", "METHOD_NOT_ALLOWED")));
        }
    }

    // ---- single connection mode ----------------------------------------------------------------------------

    private void reserve(RoutingContext routing, Executor loop) {
        SseSession session = newSession(SseMode.SINGLE_CONNECTION, routing, loop);
        if (session == null) return;
        String token = newToken();
        reservations.put(token, new Reservation(session, loop));
        session.onEnded(() -> reservations.remove(token));
        log.debug("GraphQL event stream reserved by {}", ClientAddress.of(routing));
        routing.response().setStatusCode(201)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(token);
    }

    private void openStream(RoutingContext routing, String token) {
        Reservation reservation = reservations.get(token);
        if (reservation == null) {
            Responses.write(routing, unknownToken());
            return;
        }
        HttpServerResponse response = routing.response();
        // refusals are written back on this request's loop; the stream itself is written through Vert.x, which
        // hands writes from the session's loop to the connection's (the refusal is never completed then)
        CompletableFuture<HttpAnswer> refusal = new CompletableFuture<>();
        Responses.writeLater(routing, refusal);
        reservation.loop().execute(() -> {
            SseSession session = reservation.session();
            switch (session.state()) {
                case STREAMING -> refusal.complete(new HttpAnswer(409, Map.of(), Map.of("error",
                        "This reservation's event stream is already open; only one stream may serve a reservation",
                        "code", "CONFLICT")));
                case NEW, ENDED -> refusal.complete(unknownToken());
                case RESERVED -> {
                    VertxSseOutput output = new VertxSseOutput(vertx, response, isHttp10(routing), reservation.loop(), keepAliveMillis, highWaterBytes);
                    closeWithResponse(response, session, output, reservation.loop());
                    session.attach(output);
                }
            }
        });
    }

    private void startOperation(RoutingContext routing, String token) {
        Reservation reservation = reservations.get(token);
        if (reservation == null) {
            Responses.write(routing, unknownToken());
            return;
        }
        SseRequest.Parsed parsed = SseRequest.fromJson(body(routing));
        if (parsed instanceof SseRequest.Parsed.Invalid invalid) {
            Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY, invalid.reason()));
            return;
        }
        SseRequest.Parsed.Ok ok = (SseRequest.Parsed.Ok) parsed;
        if (ok.operationId() == null) {
            Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY,
                    "single connection mode needs the operation's id in \"extensions\": {\"operationId\": \"…\"}"));
            return;
        }
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        Responses.writeLater(routing, answer);
        reservation.loop().execute(() -> answer.complete(switch (reservation.session().start(ok.operationId(), ok.operation())) {
            case STARTED -> new HttpAnswer(202, Map.of(), null);
            case DUPLICATE_ID -> new HttpAnswer(409, Map.of(), Map.of("error", "An operation with id \""
                    + ok.operationId() + "\" is already running on this stream", "code", Fault.DUPLICATE_OPERATION.name()));
            case ENDED -> unknownToken();
        }));
    }

    private void stopOperation(RoutingContext routing, String token) {
        String operationId = routing.request().getParam("operationId");
        if (token == null) {
            Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY, "DELETE needs the " + TOKEN_HEADER + " header"));
            return;
        }
        if (operationId == null || operationId.isEmpty()) {
            Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY, "DELETE needs ?operationId=<id> of the operation to stop"));
            return;
        }
        Reservation reservation = reservations.get(token);
        if (reservation == null) {
            Responses.write(routing, unknownToken());
            return;
        }
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        Responses.writeLater(routing, answer);
        reservation.loop().execute(() -> {
            reservation.session().stop(operationId);
            answer.complete(new HttpAnswer(200, Map.of(), null));
        });
    }

    // ---- distinct connections mode ---------------------------------------------------------------------------

    private void distinct(RoutingContext routing, Executor loop, SseRequest.Parsed request) {
        switch (request) {
            case SseRequest.Parsed.Invalid invalid -> Responses.write(routing, HttpAnswer.error(Fault.MALFORMED_BODY, invalid.reason()));
            case SseRequest.Parsed.Ok ok -> {
                SseSession session = newSession(SseMode.DISTINCT_CONNECTIONS, routing, loop);
                if (session == null) return;
                HttpServerResponse response = routing.response();
                VertxSseOutput output = new VertxSseOutput(vertx, response, isHttp10(routing), loop, keepAliveMillis, highWaterBytes);
                closeWithResponse(response, session, output, loop);
                session.attach(output);
                session.start(ONLY_OPERATION, ok.operation());
            }
        }
    }

    // ---- shared ------------------------------------------------------------------------------------------------

    /** A new session authenticated with the request's bearer token, or null after answering 401. */
    private SseSession newSession(SseMode mode, RoutingContext routing, Executor loop) {
        String authorization = routing.request().getHeader(HttpHeaders.AUTHORIZATION);
        SseSession session = new SseSession(mode, contexts, loop,
                (delay, task) -> {
                    long id = vertx.setTimer(Math.max(1, delay.toMillis()), ignored -> loop.execute(task));
                    return () -> vertx.cancelTimer(id);
                },
                ClientAddress.of(routing), authorization, openTimeout);
        if (session.admit() instanceof SseSession.Admission.Refused refused) {
            Responses.write(routing, HttpAnswer.error(Fault.UNAUTHENTICATED, Fault.UNAUTHENTICATED.message()
                    + (authorization == null ? ": send Authorization: Bearer <access token from POST /arrigo/api/login>"
                    : ": the access token was refused (" + refused.reason() + "); log in again")));
            return null;
        }
        sessions.put(session, loop);
        session.onEnded(() -> sessions.remove(session));
        return session;
    }

    private static void closeWithResponse(HttpServerResponse response, SseSession session, VertxSseOutput output, Executor loop) {
        response.closeHandler(ignored -> {
            output.stopKeepAlive();
            loop.execute(session::outputClosed);
        });
    }

    private static HttpAnswer unknownToken() {
        return HttpAnswer.error(Fault.NOT_FOUND, "No reserved GraphQL event stream for this token: it ended, timed out"
                + " or was never reserved; reserve a new one with PUT");
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String streamToken(RoutingContext routing) {
        String header = routing.request().getHeader(TOKEN_HEADER);
        if (header != null && !header.isBlank()) return header.trim();
        String query = routing.request().getParam("token");
        return query == null || query.isBlank() ? null : query;
    }

    private static boolean isHttp10(RoutingContext routing) {
        return routing.request().version() == io.vertx.core.http.HttpVersion.HTTP_1_0;
    }

    private static boolean acceptsEventStream(RoutingContext routing) {
        String accept = routing.request().getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/event-stream");
    }

    private static boolean isJsonOrAbsent(String contentType) {
        if (contentType == null) return true;
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.isEmpty() || mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    private static byte[] body(RoutingContext routing) {
        Buffer raw = routing.body() == null ? null : routing.body().buffer();
        return raw == null ? new byte[0] : raw.getBytes();
    }

    /** Open sessions (reserved or streaming), for metrics and tests. */
    int openSessions() { return sessions.size(); }

    /** The server is going away: every session ends its stream. */
    void shutdown() { sessions.forEach((session, loop) -> loop.execute(session::shutdown)); }

    /** The fallback was turned off: drop everything at once. */
    void endAll() { sessions.forEach((session, loop) -> loop.execute(session::end)); }
}
