package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Authentication;
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

/** {@code POST /logout} (spec §2.2, §16 items 10–11). */
class LogoutEndpointTest {
    @TempDir Path dataDir;
    AuthFixture f;
    String at;
    String rt;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dataDir);
        f.createUser("alice", "pw", AccessLevel.Guest);
        Map<String, Object> tokens = f.loginAs("alice", "pw");
        at = (String) tokens.get("authToken");
        rt = (String) tokens.get("refreshToken");
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void logoutWithTheRefreshTokenAnswers204AndThatTokenRefreshesNoMore() {
        assertThat(logout(body("refreshToken", rt), null)).isEqualTo(HttpAnswer.noContent());

        assertThat(refresh(rt, at).status()).isEqualTo(401);
        assertThat(f.tokens.verify(at)).as("access tokens stay usable until they expire")
                .isInstanceOf(Authentication.Authenticated.class);
    }

    @Test
    void logoutWithTheAccessTokenRevokesTheRefreshTokensIssuedWithIt() {
        Map<String, Object> other = f.loginAs("alice", "pw");

        assertThat(logout(new JsonBody.Empty(), "Bearer " + at)).isEqualTo(HttpAnswer.noContent());

        assertThat(refresh(rt, at).status()).isEqualTo(401);
        assertThat(refresh((String) other.get("refreshToken"), (String) other.get("authToken")).status())
                .as("another login of the same user").isEqualTo(200);
    }

    @Test
    void theAccessTokenWinsOverTheBody() {
        Map<String, Object> other = f.loginAs("alice", "pw");

        assertThat(logout(body("refreshToken", other.get("refreshToken")), "Bearer " + at)).isEqualTo(HttpAnswer.noContent());

        assertThat(refresh((String) other.get("refreshToken"), (String) other.get("authToken")).status()).isEqualTo(200);
        assertThat(refresh(rt, at).status()).isEqualTo(401);
    }

    @Test
    void anInvalidAccessTokenAnswers401EvenWithAGoodRefreshToken() {
        HttpAnswer answer = logout(body("refreshToken", rt), "Bearer forged");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(logout(body("refreshToken", rt), "Basic abc").status()).isEqualTo(401);
        assertThat(refresh(rt, at).status()).as("nothing was revoked").isEqualTo(200);
    }

    @Test
    void anExpiredAccessTokenAnswers401WithTokenExpired() {
        f.clock.advance(Duration.ofMinutes(10));

        HttpAnswer answer = logout(new JsonBody.Empty(), "Bearer " + at);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.headers()).containsEntry("token-expired", "true");
    }

    @Test
    void anUnknownOrAlreadyRevokedRefreshTokenAnswers400() {
        assertThat(logout(body("refreshToken", "00000000-0000-0000-0000-000000000000"), null).status()).isEqualTo(400);

        logout(body("refreshToken", rt), null);
        HttpAnswer again = logout(body("refreshToken", rt), null);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body()).asInstanceOf(MAP).containsEntry("code", "INVALID_REFRESH_TOKEN");
    }

    @Test
    void noAccessTokenAndNoRefreshTokenAnswers400() {
        assertThat(logout(new JsonBody.Empty(), null).status()).isEqualTo(400);
        assertThat(logout(new JsonBody.Empty(), "  ").status()).isEqualTo(400);
        assertThat(logout(body(), null).status()).isEqualTo(400);
        assertThat(logout(body("refreshToken", 1), null).status()).isEqualTo(400);
        assertThat(logout(new JsonBody.Malformed("body is not valid JSON"), null).status()).isEqualTo(400);
    }

    private HttpAnswer logout(JsonBody body, String authorization) {
        return await(f.login.logout(body, authorization));
    }

    private HttpAnswer refresh(String refreshToken, String accessToken) {
        return await(f.login.refresh(body("refreshToken", refreshToken), "Bearer " + accessToken, ADDRESS));
    }
}
