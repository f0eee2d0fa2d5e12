package io.vakt.wamp.router;

/**
 * The life of a remote session (WAMP spec "Session Lifecycle"). Only {@link #ESTABLISHED} routes messages;
 * a session moves forward only.
 */
enum SessionState {
    /** The transport is open; the first message must be HELLO, within {@code helloTimeout}. */
    AWAITING_HELLO,
    /** HELLO asked for {@code ticket}; CHALLENGE was sent, AUTHENTICATE is due (same deadline). */
    CHALLENGED,
    /** WELCOME was sent; the session is joined to its realm. */
    ESTABLISHED,
    /** The router sent GOODBYE and waits for the reply, at most {@code goodbyeTimeout}. */
    CLOSING,
    /** The transport is closed or closing; every further message is ignored. */
    CLOSED
}
