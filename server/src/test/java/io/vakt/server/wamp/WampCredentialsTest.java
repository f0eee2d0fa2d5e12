package io.vakt.server.wamp;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Authentication;
import io.vakt.core.access.Principal;
import io.vakt.core.access.TokenVerifier;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampAuthenticator.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The authentication decision of spec §7.4: access tokens and service keys, under anonymous and ticket. */
class WampCredentialsTest {
    static final String GOOD = "eyJ.good.token";
    static final String OLD = "eyJ.old.token";
    static final Instant EXPIRY = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir Path dir;
    VaktStore store;
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    ServiceKeyDirectory keys;
    WampCredentials credentials;

    @BeforeEach
    void setUp() {
        store = VaktStore.open(dir, StoreOptions.defaults());
        keys = new ServiceKeyDirectory(store.serviceKeys(), timer, Runnable::run, Duration.ofHours(1));
        TokenVerifier tokens = token -> switch (TokenVerifier.stripBearer(token)) {
            case GOOD -> new Authentication.Authenticated(new Principal("Alice", AccessLevel.Operator), "jti", EXPIRY);
            case OLD -> new Authentication.Expired("alice");
            default -> new Authentication.Invalid("bad signature");
        };
        credentials = new WampCredentials(tokens, keys);
    }

    @AfterEach
    void tearDown() {
        keys.close();
        timer.shutdownNow();
        store.close();
    }

    @Test
    void anAccessTokenMakesAUserSessionNamedAfterTheUser() {
        Identity identity = granted(credentials.authenticate("realm1", "anonymous", "Bearer " + GOOD, Map.of()));
        assertThat(identity).isEqualTo(new Identity("Alice", Identity.USER_ROLE, "anonymous", "vakt",
                new Principal("Alice", AccessLevel.Operator), GOOD, EXPIRY));
        assertThat(granted(credentials.authenticate("realm1", "ticket", GOOD, Map.of())).authmethod()).isEqualTo("ticket");
    }

    @Test
    void expiredForgedAndMissingTokensAreRefusedWithClearMessages() {
        assertThat(credentials.authenticate("realm1", "anonymous", OLD, Map.of()))
                .isEqualTo(new Outcome.Denied("wamp.error.authentication_failed", "access token expired"));
        assertThat(credentials.authenticate("realm1", "ticket", "forged", Map.of()))
                .isEqualTo(new Outcome.Denied("wamp.error.authentication_failed", "invalid access token or service key"));
        assertThat(credentials.authenticate("realm1", "anonymous", null, Map.of()))
                .isInstanceOfSatisfying(Outcome.Denied.class, denied -> assertThat(denied.message()).contains("no access token"));
        assertThat(credentials.authenticate("realm1", "anonymous", "  ", Map.of())).isInstanceOf(Outcome.Denied.class);
    }

    @Test
    void aServiceKeyMakesAServiceSessionWithTheKeysLevel() {
        String key = store.serviceKeys().create("reports", AccessLevel.Operator).key();
        keys.refreshNow().toCompletableFuture().join();

        Identity identity = granted(credentials.authenticate("realm1", "anonymous", key, Map.of()));
        assertThat(identity).isEqualTo(new Identity("reports", Identity.SERVICE_ROLE, "anonymous", "vakt-service-key",
                new Principal("reports", AccessLevel.Operator), key, null));
        assertThat(granted(credentials.authenticate("realm1", "ticket", key, Map.of())).authrole()).isEqualTo("service");
    }

    @Test
    void unknownRotatedAndDisabledKeysAreRefused() {
        String key = store.serviceKeys().create("reports", AccessLevel.Service).key();
        keys.refreshNow().toCompletableFuture().join();
        store.serviceKeys().setEnabled("reports", false);
        assertThat(credentials.authenticate("realm1", "anonymous", key, Map.of()))
                .as("the snapshot still has the old state until it reloads").isInstanceOf(Outcome.Granted.class);

        keys.refreshNow().toCompletableFuture().join();
        assertThat(credentials.authenticate("realm1", "anonymous", key, Map.of()))
                .isEqualTo(new Outcome.Denied("wamp.error.authentication_failed", "invalid access token or service key"));

        store.serviceKeys().setEnabled("reports", true);
        String rotated = store.serviceKeys().rotate("reports").key();
        keys.refreshNow().toCompletableFuture().join();
        assertThat(credentials.authenticate("realm1", "anonymous", key, Map.of())).isInstanceOf(Outcome.Denied.class);
        assertThat(credentials.authenticate("realm1", "anonymous", rotated, Map.of())).isInstanceOf(Outcome.Granted.class);
        assertThat(keys.size()).isEqualTo(1);
    }

    private static Identity granted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Granted.class);
        return ((Outcome.Granted) outcome).identity();
    }
}
