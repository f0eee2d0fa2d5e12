package io.vakt.server.auth;

import ch.qos.logback.classic.Level;
import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Authentication;
import io.vakt.core.error.Fault;
import io.vakt.server.http.HttpAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.vakt.server.auth.AuthFixture.ADDRESS;
import static io.vakt.server.auth.AuthFixture.await;
import static io.vakt.server.auth.AuthFixture.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

/** {@code POST /login/refresh} (spec §2.2, §16 items 6–8). */
class RefreshEndpointTest {
    @TempDir Path dataDir;
    AuthFixture f;
    String at;
    String rt;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dataDir);
        f.createUser("alice", "pw", AccessLevel.Operator);
        Map<String, Object> tokens = f.loginAs("alice", "pw");
        at = (String) tokens.get("authToken");
        rt = (String) tokens.get("refreshToken");
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void aValidRefreshTokenWithItsAccessTokenRotatesBoth() {
        f.clock.advance(Duration.ofSeconds(30));

        HttpAnswer answer = refresh(rt, "Bearer " + at);

        assertThat(answer.status()).isEqualTo(200);
        Map<?, ?> tokens = (Map<?, ?>) answer.body();
        assertThat(new java.util.ArrayList<Object>(tokens.keySet())).containsExactly("authToken", "expires_in", "refreshToken");
        assertThat(tokens.get("expires_in")).isEqualTo(600L);
        assertThat(tokens.get("authToken")).isNotEqualTo(at);
        assertThat(tokens.get("refreshToken")).isNotEqualTo(rt);
        JwtCheck.Valid fresh = (JwtCheck.Valid) f.jwt.check((String) tokens.get("authToken"));
        assertThat(fresh.jti()).isNotEqualTo(((JwtCheck.Valid) f.jwt.check(at)).jti());
        assertThat(f.store.refreshTokens().lookup((String) tokens.get("refreshToken")).orElseThrow().accessTokenId())
                .isEqualTo(fresh.jti());
    }

    @Test
    void anExpiredAccessTokenIsAcceptedForRefresh() {
        f.clock.advance(Duration.ofHours(5));
        assertThat(f.tokens.verify(at)).isInstanceOf(Authentication.Expired.class);

        HttpAnswer answer = refresh(rt, "Bearer " + at);

        assertThat(answer.status()).isEqualTo(200);
        String newAt = (String) ((Map<?, ?>) answer.body()).get("authToken");
        assertThat(f.tokens.verify(newAt)).isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void theRotatedTokensRefreshAgain() {
        Map<?, ?> first = (Map<?, ?>) refresh(rt, "Bearer " + at).body();

        HttpAnswer second = refresh((String) first.get("refreshToken"), "Bearer " + first.get("authToken"));

        assertThat(second.status()).isEqualTo(200);
    }

    @Test
    void thePreviousRefreshTokenIsRefusedAndItsReuseRevokesTheFamily() {
        Map<?, ?> rotated = (Map<?, ?>) refresh(rt, "Bearer " + at).body();

        try (LogCapture log = new LogCapture(LoginService.class)) {
            HttpAnswer reused = refresh(rt, "Bearer " + at);

            assertThat(reused).isEqualTo(HttpAnswer.error(Fault.INVALID_REFRESH_TOKEN));
            assertThat(log.messages(Level.WARN)).singleElement().asString().contains("'alice'", ADDRESS, "theft");
        }
        assertThat(refresh((String) rotated.get("refreshToken"), "Bearer " + rotated.get("authToken")).status())
                .isEqualTo(401);
    }

    @Test
    void aMissingOrForgedAccessTokenAnswers401() {
        String forged = new JwtService(JwtServiceTest.OTHER_SECRET, f.clock).issue("alice", Duration.ofMinutes(10)).token();

        assertUnauthenticated(refresh(rt, null));
        assertUnauthenticated(refresh(rt, "Basic abc"));
        assertUnauthenticated(refresh(rt, "Bearer " + forged));
        assertUnauthenticated(refresh(rt, "Bearer not-a-jwt"));
        assertThat(refresh(rt, "Bearer " + at).status()).as("the refresh token was not spent").isEqualTo(200);
    }

    @Test
    void anUnknownRefreshTokenAnswers401() {
        assertThat(refresh("00000000-0000-0000-0000-000000000000", "Bearer " + at))
                .isEqualTo(HttpAnswer.error(Fault.INVALID_REFRESH_TOKEN));
    }

    @Test
    void anAccessTokenOfAnotherLoginAnswers401() {
        String otherAt = (String) f.loginAs("alice", "pw").get("authToken");

        assertThat(refresh(rt, "Bearer " + otherAt)).isEqualTo(HttpAnswer.error(Fault.INVALID_REFRESH_TOKEN));
    }

    @Test
    void anExpiredRefreshTokenAnswers401() {
        f.clock.advance(Duration.ofDays(60));

        assertThat(refresh(rt, "Bearer " + at)).isEqualTo(HttpAnswer.error(Fault.INVALID_REFRESH_TOKEN));
    }

    @Test
    void aDisabledOrDeletedUserCannotRefresh() {
        Map<String, Object> second = f.loginAs("alice", "pw");
        f.store.users().setDisabled("alice", true);
        assertThat(refresh(rt, "Bearer " + at).status()).isEqualTo(401);

        f.store.users().delete("alice");
        assertThat(refresh((String) second.get("refreshToken"), "Bearer " + second.get("authToken")).status())
                .isEqualTo(401);
    }

    @Test
    void aMalformedBodyAnswers400() {
        assertMalformed(f.login.refresh(new JsonBody.Empty(), "Bearer " + at, ADDRESS));
        assertMalformed(f.login.refresh(new JsonBody.Malformed("body is not valid JSON"), "Bearer " + at, ADDRESS));
        assertMalformed(f.login.refresh(body("refreshToken", 5), "Bearer " + at, ADDRESS));
        assertMalformed(f.login.refresh(body("authToken", at), null, ADDRESS));
    }

    private HttpAnswer refresh(String refreshToken, String authorization) {
        return await(f.login.refresh(body("refreshToken", refreshToken), authorization, ADDRESS));
    }

    private static void assertUnauthenticated(HttpAnswer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).asInstanceOf(MAP).containsEntry("code", "UNAUTHENTICATED");
    }

    private static void assertMalformed(java.util.concurrent.CompletionStage<HttpAnswer> stage) {
        HttpAnswer answer = await(stage);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).asInstanceOf(MAP).containsEntry("code", "MALFORMED_BODY");
    }
}
