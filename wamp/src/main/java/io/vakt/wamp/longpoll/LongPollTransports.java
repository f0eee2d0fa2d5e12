package io.vakt.wamp.longpoll;

import io.vakt.wamp.router.WampConnection;
import io.vakt.wamp.router.WampTransport;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The open WAMP long-poll transports by id. An id is 128 bits from {@link SecureRandom}: between requests it is
 * the session's only credential, so it must not be guessable. Thread-safe.
 */
public final class LongPollTransports {
    private static final int ID_BYTES = 16;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, LongPollTransport> open = new ConcurrentHashMap<>();
    private final int maxMessageBytes;
    private final long highWaterBytes;
    private final long idleTimeoutNanos;

    /**
     * @param maxMessageBytes  {@code wamp.maxMessageSize}
     * @param highWaterBytes   queued bytes above which the transport counts as full (the WebSocket write queue's mark)
     * @param idleTimeoutNanos no receive for this long closes a transport ({@code fallback.sessionTimeout})
     */
    public LongPollTransports(int maxMessageBytes, long highWaterBytes, long idleTimeoutNanos) {
        this.maxMessageBytes = maxMessageBytes;
        this.highWaterBytes = highWaterBytes;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** Opens a transport and connects it to the router through {@code router} (e.g. {@code t -> router.open(t, JSON)}). */
    public LongPollTransport open(LongPollProtocol protocol, String remoteAddress,
                                  Function<WampTransport, WampConnection> router, long nowNanos) {
        String id;
        LongPollTransport transport;
        do {
            byte[] bytes = new byte[ID_BYTES];
            random.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
            transport = new LongPollTransport(id, protocol, remoteAddress, maxMessageBytes, highWaterBytes, nowNanos);
        } while (open.putIfAbsent(id, transport) != null);
        transport.connect(router.apply(transport));
        return transport;
    }

    public Optional<LongPollTransport> find(String id) { return Optional.ofNullable(id == null ? null : open.get(id)); }

    /** The client closed it. */
    public void close(LongPollTransport transport) {
        open.remove(transport.id(), transport);
        transport.release();
    }

    /** Closes every transport no client has polled for the idle timeout; returns how many. */
    public int sweep(long nowNanos) {
        int closed = 0;
        for (LongPollTransport transport : open.values()) {
            if (transport.idle(nowNanos, idleTimeoutNanos)) {
                close(transport);
                closed++;
            }
        }
        return closed;
    }

    /** Releases every transport (the server stops; the router has said GOODBYE already). */
    public void closeAll() { open.values().forEach(this::close); }

    public int size() { return open.size(); }
}
