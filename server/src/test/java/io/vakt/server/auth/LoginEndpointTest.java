package io.vakt.server.auth;

import ch.qos.logback.classic.Level;
import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Authentication;
import io.vakt.core.error.Fault;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.http.HttpAnswer;
import io.vakt.store.RefreshTokenInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.vakt.server.auth.AuthFixture.ADDRESS;
import static io.vakt.server.auth.AuthFixture.await;
import static io.vakt.server.auth.AuthFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/** {@code POST /login} (spec §2.2, §16 items 2–5 and 18). */
class LoginEndpointTest {
    @TempDir Path dataDir;
    AuthFixture f;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dataDir);
        f.createUser("Alice", "correct horse", AccessLevel.Operator);
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void validCredentialsAnswer200WithBothTokensInSpecOrder() {
        HttpAnswer answer = await(f.login.login(body("username", "alice", "password", "correct horse"), ADDRESS));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers()).containsEntry("Cache-Control", "no-store");
        Map<?, ?> tokens = (Map<?, ?>) answer.body();
        assertThat(new java.util.ArrayList<Object>(tokens.keySet())).containsExactly("authToken", "expires_in", "refreshToken");
        assertThat(tokens.get("expires_in")).isEqualTo(600L);
        assertThat((String) tokens.get("refreshToken")).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void theAccessTokenNamesTheStoredUserAndTheRefreshTokenIsBoundToIt() {
        Map<String, Object> tokens = f.loginAs("ALICE", "correct horse");

        JwtCheck.Valid at = (JwtCheck.Valid) f.jwt.check((String) tokens.get("authToken"));
        assertThat(at.username()).isEqualTo("Alice");
        assertThat(at.expiresAt()).isEqualTo(at.issuedAt().plusSeconds(600));
        RefreshTokenInfo rt = f.store.refreshTokens().lookup((String) tokens.get("refreshToken")).orElseThrow();
        assertThat(rt.accessTokenId()).isEqualTo(at.jti());
        assertThat(rt.expires()).isEqualTo(f.clock.instant().plus(Duration.ofDays(60)));
    }

    @Test
    void expiresInIsTheConfiguredLifetimeAndTheTokenIsRefusedAfterIt() throws Exception {
        f.close();
        f = new AuthFixture(dataDir, new VaktConfig.Tokens(Duration.ofSeconds(5), Duration.ofDays(60)));
        f.refreshDirectory();

        Map<String, Object> tokens = f.loginAs("alice", "correct horse");
        String at = (String) tokens.get("authToken");

        assertThat(tokens.get("expires_in")).isEqualTo(5L);
        f.clock.advance(Duration.ofMillis(4_000));
        assertThat(f.tokens.verify(at)).isInstanceOf(Authentication.Authenticated.class);
        f.clock.advance(Duration.ofMillis(1_000));
        assertThat(f.tokens.verify(at)).isInstanceOf(Authentication.Expired.class);
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSame401() {
        HttpAnswer wrongPassword = await(f.login.login(body("username", "alice", "password", "wrong"), ADDRESS));
        HttpAnswer unknownUser = await(f.login.login(body("username", "mallory", "password", "wrong"), ADDRESS));

        assertThat(wrongPassword).isEqualTo(HttpAnswer.error(Fault.BAD_CREDENTIALS)).isEqualTo(unknownUser);
        assertThat(wrongPassword.status()).isEqualTo(401);
    }

    @Test
    void aDisabledUserCannotLogIn() {
        f.store.users().setDisabled("alice", true);

        HttpAnswer answer = await(f.login.login(body("username", "alice", "password", "correct horse"), ADDRESS));

        assertThat(answer).isEqualTo(HttpAnswer.error(Fault.BAD_CREDENTIALS));
    }

    @Test
    void unknownFieldsAreIgnored() {
        JsonBody body = body("account", "", "username", "alice", "password", "correct horse", "remember", true,
                "newPassword", "", "currentPhase", 2, "extra", Map.of("nested", 1));

        assertThat(await(f.login.login(body, ADDRESS)).status()).isEqualTo(200);
    }

    @Test
    void aMissingOrNonStringFieldAnswers400NamingIt() {
        assertMalformed(f.login.login(body("username", "alice"), ADDRESS), "'password'");
        assertMalformed(f.login.login(body("password", "pw"), ADDRESS), "'username'");
        assertMalformed(f.login.login(body("username", "alice", "password", 42), ADDRESS), "'password'");
        assertMalformed(f.login.login(body("username", null, "password", "pw"), ADDRESS), "'username'");
    }

    @Test
    void anEmptyOrMalformedBodyAnswers400() {
        assertMalformed(f.login.login(new JsonBody.Empty(), ADDRESS), "empty");
        assertMalformed(f.login.login(new JsonBody.Malformed("body must be a JSON object"), ADDRESS), "JSON object");
    }

    @Test
    void theThrottleDelayIsWaitedOutBeforeThePasswordIsChecked() {
        for (int i = 0; i < 3; i++) await(f.login.login(body("username", "alice", "password", "wrong"), ADDRESS));
        assertThat(f.timer.delays).as("the free failures").isEmpty();
        f.timer.hold();

        CompletableFuture<HttpAnswer> delayed =
                f.login.login(body("username", "alice", "password", "wrong"), ADDRESS).toCompletableFuture();

        assertThat(f.timer.delays).containsExactly(Duration.ofSeconds(1));
        assertThat(delayed).isNotDone();
        assertThat(f.throttle.delayFor("alice", ADDRESS)).as("the password was not checked yet").isEqualTo(Duration.ofSeconds(1));
        f.timer.release();
        assertThat(await(delayed).status()).isEqualTo(401);
        assertThat(f.throttle.delayFor("alice", ADDRESS)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSuccessAfterADelayClearsTheUsersCount() {
        for (int i = 0; i < 3; i++) await(f.login.login(body("username", "alice", "password", "wrong"), ADDRESS));

        HttpAnswer answer = await(f.login.login(body("username", "alice", "password", "correct horse"), ADDRESS));

        assertThat(f.timer.delays).containsExactly(Duration.ofSeconds(1));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(f.throttle.delayFor("alice", "198.51.100.1")).isZero();
    }

    @Test
    void successfulLoginsAreLoggedWithUserAndAddressButNoSecret() {
        try (LogCapture log = new LogCapture(LoginService.class)) {
            Map<String, Object> tokens = f.loginAs("alice", "correct horse");

            assertThat(log.messages(Level.INFO)).singleElement().asString()
                    .contains("'Alice'", "'" + ADDRESS + "'")
                    .doesNotContain("correct horse", (String) tokens.get("authToken"), (String) tokens.get("refreshToken"));
        }
    }

    @Test
    void aUserCreatedSinceTheLastReloadCanUseItsTokenAtOnce() {
        f.store.users().create("bob", "pw".toCharArray(), AccessLevel.Guest);

        String at = (String) f.loginAs("bob", "pw").get("authToken");

        assertThat(f.tokens.verify(at)).isInstanceOf(Authentication.Authenticated.class);
    }

    private static void assertMalformed(java.util.concurrent.CompletionStage<HttpAnswer> stage, String detail) {
        HttpAnswer answer = await(stage);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).asInstanceOf(MAP).containsEntry("code", "MALFORMED_BODY")
                .extractingByKey("error").asString().contains(detail);
    }
}
