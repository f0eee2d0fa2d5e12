package io.vakt.wamp.router;

import io.vakt.wamp.message.Payload;

import java.util.List;
import java.util.Objects;

/**
 * A WAMP error raised by router-side code (meta procedures, in-process services): becomes an ERROR message
 * with {@link #uri()} and {@link #payload()}. By convention {@code args[0]} is a human-readable message.
 */
public final class WampException extends RuntimeException {
    private final String uri;
    private final Payload payload;

    public WampException(String uri, String message) {
        this(uri, Payload.of(List.of(message)));
    }

    public WampException(String uri, Payload payload) {
        super(describe(uri, payload), null, false, false);
        this.uri = Objects.requireNonNull(uri, "uri");
        this.payload = payload == null ? Payload.EMPTY : payload;
    }

    public String uri() { return uri; }

    public Payload payload() { return payload; }

    private static String describe(String uri, Payload payload) {
        if (payload != null && payload.args() != null && !payload.args().isEmpty()) return uri + ": " + payload.args().get(0);
        return uri;
    }
}
