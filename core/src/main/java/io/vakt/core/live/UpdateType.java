package io.vakt.core.live;

/**
 * Update types of a live value (spec §5.3): the GraphQL {@code type} string is the constant's name, the
 * numeric code is the one of the legacy read/write API seen from ServerSideFunctions.
 */
public enum UpdateType {
    Request(0), Response(1), Update(2), ErrorNotExist(3), ErrorUnreachable(4), Pending(5), Expired(6),
    AboutToExpire(7), UnknownError(8);

    private final int code;

    UpdateType(int code) { this.code = code; }

    public int code() { return code; }

    /** Whether a value of this type carries a controller value (as opposed to a state without one). */
    public boolean carriesValue() { return this == Response || this == Update; }
}
