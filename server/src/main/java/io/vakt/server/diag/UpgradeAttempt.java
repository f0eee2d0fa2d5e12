package io.vakt.server.diag;

import java.time.Instant;
import java.util.List;

/**
 * One request to a WebSocket endpoint, as the upgrade log keeps it.
 *
 * @param connection   the {@code Connection} header as sent; null when absent
 * @param origin       the {@code Origin} header as sent; null when absent
 * @param subprotocols the offered subprotocols, in the client's order
 */
public record UpgradeAttempt(Instant at, String clientAddress, String endpoint, boolean upgradeHeader, String connection,
                             String origin, List<String> subprotocols, UpgradeOutcome outcome) {
    public UpgradeAttempt {
        subprotocols = List.copyOf(subprotocols);
    }
}
