package io.vakt.wamp.router;

import io.vakt.wamp.message.Payload;

import java.util.Map;

/**
 * A procedure the router answers itself on its own thread (the meta API, {@code wamp.*}). It only reads
 * router state, so it answers at once: a result, or a {@link WampException} that becomes the ERROR.
 */
@FunctionalInterface
public interface InternalProcedure {
    /**
     * @param caller  the calling session
     * @param options the CALL options
     * @param payload the CALL arguments
     */
    Payload call(Peer caller, Map<String, Object> options, Payload payload);
}
