package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.server.http.HttpAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AuthGuardTest {
    @TempDir Path dataDir;
    AuthFixture f;
    AuthGuard guard;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dataDir);
        f.createUser("alice", "secret", AccessLevel.Guest);
        guard = new AuthGuard(f.tokens);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void allowsAValidBearerToken() {
        IssuedToken issued = f.jwt.issue("alice", Duration.ofMinutes(10));

        assertThat(guard.check("Bearer " + issued.token())).isEqualTo(
                new Guarded.Allowed(new Principal("alice", AccessLevel.Guest), issued.jti(), issued.expiresAt()));
    }

    @Test
    void matchesTheSchemeInAnyCaseAndToleratesExtraSpaces() {
        String token = f.jwt.issue("alice", Duration.ofMinutes(10)).token();

        assertThat(guard.check("bearer " + token)).isInstanceOf(Guarded.Allowed.class);
        assertThat(guard.check("BEARER   " + token + "  ")).isInstanceOf(Guarded.Allowed.class);
        assertThat(guard.check("  Bearer\t" + token)).isInstanceOf(Guarded.Allowed.class);
    }

    @Test
    void refusesAMissingHeaderWith401() {
        assertUnauthenticated(guard.check(null));
        assertUnauthenticated(guard.check(""));
        assertUnauthenticated(guard.check("   "));
    }

    @Test
    void refusesAnotherSchemeWith401() {
        String token = f.jwt.issue("alice", Duration.ofMinutes(10)).token();

        assertUnauthenticated(guard.check("Basic YWxpY2U6c2VjcmV0"));
        assertUnauthenticated(guard.check(token));
        assertUnauthenticated(guard.check("Bearer"));
        assertUnauthenticated(guard.check("Bearertoken"));
    }

    @Test
    void refusesAnInvalidTokenWith401() {
        IssuedToken foreign = new JwtService(JwtServiceTest.OTHER_SECRET, f.clock).issue("alice", Duration.ofMinutes(10));

        assertUnauthenticated(guard.check("Bearer " + foreign.token()));
        assertUnauthenticated(guard.check("Bearer garbage"));
    }

    @Test
    void refusesAnExpiredTokenWith401AndTokenExpiredHeader() {
        String token = f.jwt.issue("alice", Duration.ofSeconds(5)).token();
        f.clock.advance(Duration.ofSeconds(5));

        Guarded result = guard.check("Bearer " + token);

        assertThat(result).isInstanceOfSatisfying(Guarded.Denied.class, denied -> {
            assertThat(denied.answer().status()).isEqualTo(401);
            assertThat(denied.answer().headers()).containsEntry("token-expired", "true");
            assertThat(denied.answer().body()).isEqualTo(Map.of("error", "Token expired", "code", "TOKEN_EXPIRED"));
        });
    }

    private static void assertUnauthenticated(Guarded result) {
        assertThat(result).isInstanceOfSatisfying(Guarded.Denied.class, denied -> {
            HttpAnswer answer = denied.answer();
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.headers()).doesNotContainKey("token-expired");
            assertThat(answer.body()).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("code", Fault.UNAUTHENTICATED.name());
        });
    }
}
