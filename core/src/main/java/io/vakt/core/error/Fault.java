package io.vakt.core.error;

/**
 * The one catalogue of faults a peer can see. Each fault has one peer-facing text and its mapping onto
 * every protocol Vakt speaks, so HTTP, GraphQL, both GraphQL WebSocket protocols and WAMP report the
 * same problem the same way.
 *
 * <p>{@code closeCode} is the WebSocket close code used when the fault ends a GraphQL WebSocket session
 * ({@code 0} when it does not close); {@code wampUri} is the WAMP error URI.
 */
public enum Fault {
    // spec §3: the exact message clients look for
    INVALID_PATH("Invalid path", 400, 0, "vakt.error.invalid_path"),
    // spec §6 decision: token expiry on the GraphQL WebSocket
    INVALID_AUTH_TOKEN("INVALID_AUTH_TOKEN", 401, 4401, "wamp.error.authentication_failed"),
    TOKEN_EXPIRED("Token expired", 401, 4401, "wamp.error.authentication_failed"),
    UNAUTHENTICATED("Missing or invalid bearer token", 401, 4401, "wamp.error.authentication_failed"),
    NOT_AUTHORIZED("Not authorized", 403, 0, "wamp.error.not_authorized"),
    NOT_WRITABLE("Variable is not writable", 403, 0, "wamp.error.not_authorized"),
    WRITE_ACCESS_TOO_LOW("Write access level too low", 403, 0, "wamp.error.not_authorized"),
    READ_ACCESS_TOO_LOW("Read access level too low", 403, 0, "wamp.error.not_authorized"),
    INVALID_VALUE("Value does not match the variable's type", 400, 0, "wamp.error.invalid_argument"),
    OUT_OF_RANGE("Value is outside the variable's range", 400, 0, "wamp.error.invalid_argument"),
    NOT_BOUND("Element is not bound to a variable", 400, 0, "wamp.error.invalid_argument"),
    WRITE_FAILED("Write failed", 502, 0, "vakt.error.write_failed"),
    READ_BACK_MISMATCH("Write not confirmed by read-back", 502, 0, "vakt.error.write_failed"),
    UNREACHABLE("Variable is unreachable", 504, 0, "vakt.error.unreachable"),
    UNSUPPORTED_MEDIA_TYPE("Content-Type must be application/json", 415, 0, "wamp.error.invalid_argument"),
    MALFORMED_BODY("Malformed request body", 400, 0, "wamp.error.invalid_argument"),
    BAD_CREDENTIALS("Invalid username or password", 401, 0, "wamp.error.authentication_failed"),
    INVALID_REFRESH_TOKEN("Invalid refresh token", 401, 0, "wamp.error.authentication_failed"),
    NOT_FOUND("Not found", 404, 0, "wamp.error.invalid_uri"),
    // GraphQL WebSocket protocol faults (graphql-transport-ws close codes, PROTOCOL.md)
    INIT_TIMEOUT("Connection initialisation timeout", 408, 4408, "wamp.error.protocol_violation"),
    SUBSCRIBE_BEFORE_ACK("Unauthorized: subscribe before connection_ack", 401, 4401, "wamp.error.protocol_violation"),
    TOO_MANY_INIT("Too many initialisation requests", 429, 4429, "wamp.error.protocol_violation"),
    DUPLICATE_OPERATION("Subscriber for this id already exists", 409, 4409, "wamp.error.protocol_violation"),
    UNKNOWN_MESSAGE("Invalid message received", 400, 4400, "wamp.error.protocol_violation"),
    FORBIDDEN_INIT("Forbidden", 403, 4403, "wamp.error.authentication_failed"),
    UNSUPPORTED_SUBPROTOCOL("Unsupported WebSocket subprotocol", 400, 4406, "wamp.error.protocol_violation"),
    MESSAGE_TOO_LARGE("Message too large", 413, 1009, "wamp.error.protocol_violation"),
    TOO_MANY_OPERATIONS("Too many active operations on this connection", 429, 4429, "wamp.error.protocol_violation"),
    // spec §7.4 decision: ServerSideFunctions and the ssf/state services
    NO_SUCH_FUNCTION("No such ServerSideFunction", 404, 0, "vakt.error.no_such_function"),
    INVALID_CODE("Invalid ServerSideFunction code", 400, 0, "vakt.error.invalid_code"),
    SCRIPT_ERROR("ServerSideFunction failed", 500, 0, "wamp.error.runtime_error"),
    LIMIT_EXCEEDED("Limit exceeded", 429, 0, "vakt.error.limit_exceeded"),
    INVALID_ARGUMENT("Invalid argument", 400, 0, "wamp.error.invalid_argument"),
    NOT_FOUND_STATE("No such state", 404, 0, "vakt.error.no_such_state"),
    FETCH_REFUSED("Host not allowed", 403, 0, "wamp.error.not_authorized"),
    GOING_AWAY("Server shutting down", 503, 1001, "wamp.close.system_shutdown"),
    INTERNAL("Internal server error", 500, 1011, "wamp.error.runtime_error");

    private final String message;
    private final int httpStatus;
    private final int closeCode;
    private final String wampUri;

    Fault(String message, int httpStatus, int closeCode, String wampUri) {
        this.message = message;
        this.httpStatus = httpStatus;
        this.closeCode = closeCode;
        this.wampUri = wampUri;
    }

    /** The one peer-facing text, used as GraphQL error message, close reason and log text. */
    public String message() { return message; }

    public int httpStatus() { return httpStatus; }

    /** WebSocket close code when this fault ends a GraphQL WebSocket session, 0 when it does not. */
    public int closeCode() { return closeCode; }

    public String wampUri() { return wampUri; }

    public VaktException exception() { return new VaktException(this, message); }

    public VaktException exception(String detail) { return new VaktException(this, detail); }
}
