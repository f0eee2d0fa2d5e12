package io.vakt.wamp.message;

/**
 * A message that breaks the WAMP protocol: malformed bytes, a wrong shape, a wrong type in an option, an
 * unknown message code. The router answers it with ABORT {@code wamp.error.protocol_violation} carrying
 * {@link #getMessage()} and closes the session (WAMP spec "Protocol Violations").
 */
public final class ProtocolViolation extends RuntimeException {
    public ProtocolViolation(String message) {
        super(message, null, false, false);
    }
}
