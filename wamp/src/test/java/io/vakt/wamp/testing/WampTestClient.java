package io.vakt.wamp.testing;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.WampConnection;
import io.vakt.wamp.router.WampRouter;
import io.vakt.wamp.serializer.Serializer;

import java.util.List;
import java.util.Map;

/**
 * A remote WAMP client for router tests: a connection over an {@link InMemoryTransport}, sending messages
 * encoded with a real serializer and reading what the router sent back.
 */
public final class WampTestClient {
    /** The roles an AutobahnJS client announces, with the advanced features the tests rely on. */
    public static final Map<String, Object> ROLES = Map.of(
            "caller", Map.of("features", Map.of("progressive_call_results", true, "call_canceling", true,
                    "caller_identification", true)),
            "callee", Map.of("features", Map.of("progressive_call_results", true, "call_canceling", true,
                    "caller_identification", true, "pattern_based_registration", true, "shared_registration", true)),
            "publisher", Map.of("features", Map.of("publisher_exclusion", true, "publisher_identification", true)),
            "subscriber", Map.of("features", Map.of("pattern_based_subscription", true, "publisher_identification", true)));

    public final InMemoryTransport transport;
    public final WampConnection connection;
    private final Serializer serializer;
    private long nextRequest = 1;
    private long sessionId;

    public WampTestClient(WampRouter router, Serializer serializer) {
        this.serializer = serializer;
        this.transport = new InMemoryTransport(serializer);
        this.connection = router.open(transport, serializer);
    }

    /** Encodes {@code message} and feeds it to the router as one frame. */
    public void send(WampMessage message) { connection.onFrame(serializer.encode(message)); }

    /** HELLO as the ArrigoLocal browser sends it (spec §7.1): anonymous with the token as authid. */
    public void hello(String token) {
        send(new WampMessage.Hello("realm1", Map.of("authmethods", List.of("anonymous"), "authid", token, "roles", ROLES)));
    }

    /** Joins with {@code token} and returns the WELCOME, failing when the router answered otherwise. */
    public WampMessage.Welcome join(String token) {
        hello(token);
        WampMessage.Welcome welcome = transport.last(WampMessage.Welcome.class);
        sessionId = welcome.session();
        transport.clear();
        return welcome;
    }

    /** The session id of the WELCOME {@link #join} received. */
    public long sessionId() { return sessionId; }

    public long nextRequest() { return nextRequest++; }

    public List<WampMessage> received() { return transport.messages(); }

    public <T extends WampMessage> List<T> received(Class<T> type) { return transport.messages(type); }

    public <T extends WampMessage> T last(Class<T> type) { return transport.last(type); }

    public Serializer serializer() { return serializer; }
}
