package io.vakt.it.proxy;

import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebSocket origin check through a real nginx: a page from another origin is refused (403) and a page of the
 * site itself is upgraded. The origin can only be checked when the proxy passes the browser's host (the guide's
 * {@code Host $http_host} / {@code X-Forwarded-Host}); behind the seed configuration, which does not, Vakt lets
 * upgrades through unverified (and logs them) rather than refuse every browser.
 */
class WebSocketOriginIT {
    private static final String GRAPHQL_WS = "/arrigo/api/graphql/ws";
    private static final String WAMP = "/arrigo/api/wamp";

    @Test
    void throughTheGuidesNginxASameOriginUpgradeSucceedsAndACrossOriginOneIsRefused(@TempDir Path dir) {
        try (EmbeddedServer vakt = EmbeddedServer.start();
             Nginx nginx = Nginx.start(dir, Nginx.RECOMMENDED, vakt.port())) {
            String ownOrigin = nginx.baseUrl();
            assertThat(upgrade(nginx, GRAPHQL_WS, ownOrigin, "graphql-transport-ws").status()).isEqualTo(101);
            assertThat(upgrade(nginx, WAMP, ownOrigin, "wamp.2.json").status()).isEqualTo(101);

            UpgradeProbe.Answer refused = upgrade(nginx, GRAPHQL_WS, "https://attacker.example", "graphql-transport-ws");
            assertThat(refused.status()).as(refused.head()).isEqualTo(403);
            assertThat(refused.body()).as("Vakt refused it, not nginx, and said why")
                    .contains("Cross-origin WebSocket upgrade refused", "https://attacker.example", ownOrigin);
            assertThat(upgrade(nginx, WAMP, "https://attacker.example", "wamp.2.json").status()).isEqualTo(403);
            // a client that is not a browser sends no Origin and is not affected
            assertThat(upgrade(nginx, GRAPHQL_WS, null, "graphql-transport-ws").status()).isEqualTo(101);
        }
    }

    @Test
    void theSeedConfigurationLeavesNothingToCompareSoBrowserUpgradesPassUnverified(@TempDir Path dir) {
        try (EmbeddedServer vakt = EmbeddedServer.start();
             Nginx nginx = Nginx.start(dir, Nginx.SEED, vakt.port())) {
            // nginx sends Host: 127.0.0.1:<vakt's port> and no X-Forwarded-Host: the browser's host is unknown to Vakt,
            // which lets browsers through rather than break every site run with the vendor's published block
            UpgradeProbe.Answer own = upgrade(nginx, GRAPHQL_WS, nginx.baseUrl(), "graphql-transport-ws");
            assertThat(own.status()).as(own.head() + own.body()).isEqualTo(101);
            assertThat(upgrade(nginx, WAMP, nginx.baseUrl(), "wamp.2.json").status()).isEqualTo(101);
            // ...and so cannot tell a foreign page either: the protection needs the host forwarded (docs/deploy/nginx.md)
            assertThat(upgrade(nginx, GRAPHQL_WS, "https://attacker.example", "graphql-transport-ws").status()).isEqualTo(101);
        }
    }

    private static UpgradeProbe.Answer upgrade(Nginx nginx, String path, String origin, String subprotocol) {
        return UpgradeProbe.open(nginx.webSocketBaseUrl() + path, null, origin, subprotocol);
    }
}
