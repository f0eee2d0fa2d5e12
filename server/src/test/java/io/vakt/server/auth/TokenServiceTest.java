package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Authentication;
import io.vakt.core.access.Principal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TokenServiceTest {
    @TempDir Path dataDir;
    AuthFixture f;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dataDir);
        f.createUser("Alice", "secret", AccessLevel.Operator);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void aValidTokenOfAKnownUserAuthenticatesWithTheDirectorysLevel() {
        IssuedToken issued = f.jwt.issue("alice", Duration.ofMinutes(10));

        assertThat(f.tokens.verify("Bearer " + issued.token())).isEqualTo(new Authentication.Authenticated(
                new Principal("Alice", AccessLevel.Operator), issued.jti(), issued.expiresAt()));
    }

    @Test
    void aLevelChangeAppliesToTokensAlreadyIssued() {
        IssuedToken issued = f.jwt.issue("Alice", Duration.ofMinutes(10));
        f.store.users().setLevel("alice", AccessLevel.Admin);
        f.refreshDirectory();

        assertThat(f.tokens.verify(issued.token())).isInstanceOfSatisfying(Authentication.Authenticated.class,
                ok -> assertThat(ok.principal().isAdmin()).isTrue());
    }

    @Test
    void anExpiredTokenIsExpired() {
        IssuedToken issued = f.jwt.issue("Alice", Duration.ofSeconds(5));
        f.clock.advance(Duration.ofSeconds(5));

        assertThat(f.tokens.verify(issued.token())).isEqualTo(new Authentication.Expired("Alice"));
    }

    @Test
    void aTokenOfAnUnknownOrDeletedUserIsInvalid() {
        IssuedToken ghost = f.jwt.issue("ghost", Duration.ofMinutes(10));
        IssuedToken alice = f.jwt.issue("Alice", Duration.ofMinutes(10));
        f.store.users().delete("alice");
        f.refreshDirectory();

        assertThat(f.tokens.verify(ghost.token())).isEqualTo(new Authentication.Invalid("unknown user"));
        assertThat(f.tokens.verify(alice.token())).isEqualTo(new Authentication.Invalid("unknown user"));
    }

    @Test
    void aTokenOfADisabledUserIsInvalid() {
        IssuedToken issued = f.jwt.issue("Alice", Duration.ofMinutes(10));
        f.store.users().setDisabled("alice", true);
        f.refreshDirectory();

        assertThat(f.tokens.verify(issued.token())).isEqualTo(new Authentication.Invalid("user is disabled"));
    }

    @Test
    void aForgedTokenIsInvalid() {
        IssuedToken foreign = new JwtService(JwtServiceTest.OTHER_SECRET, f.clock).issue("Alice", Duration.ofMinutes(10));

        assertThat(f.tokens.verify(foreign.token())).isInstanceOf(Authentication.Invalid.class);
        assertThat(f.tokens.verify(null)).isInstanceOf(Authentication.Invalid.class);
    }
}
