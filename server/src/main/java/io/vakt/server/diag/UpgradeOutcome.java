package io.vakt.server.diag;

/** How a request to a WebSocket endpoint ended, as diagnostics name it. */
public enum UpgradeOutcome {
    /** The socket was opened. */
    UPGRADED("upgraded"),
    /** The request had no {@code Upgrade: websocket}: usually a proxy that drops the upgrade headers. */
    NO_UPGRADE_HEADER("no-upgrade-header"),
    /** The page's origin is neither the server's own nor an allowed one (403). */
    CROSS_ORIGIN_REFUSED("cross-origin-refused"),
    /** The client offered no subprotocol the endpoint speaks. */
    NO_SUBPROTOCOL("no-subprotocol"),
    /** The handshake itself failed (bad WebSocket headers, connection lost). */
    FAILED("failed");

    private final String wire;

    UpgradeOutcome(String wire) { this.wire = wire; }

    /** The name in the diagnostics JSON. */
    public String wire() { return wire; }
}
