package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.server.http.HttpAnswer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static io.vakt.server.auth.AuthFixture.await;
import static io.vakt.server.auth.AuthFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /login/verify} (spec §2.2, §16 item 9): 204 for a good token, 400 for everything else. */
class VerifyEndpointTest {
    @TempDir Path dataDir;
    AuthFixture f;
    String at;

    @BeforeEach
    void setUp() {
        f = new AuthFixture(dataDir);
        f.createUser("alice", "pw", AccessLevel.Guest);
        at = (String) f.loginAs("alice", "pw").get("authToken");
    }

    @AfterEach
    void tearDown() throws Exception {
        f.close();
    }

    @Test
    void aValidTokenOfThisServerAnswers204WithOrWithoutBearer() {
        assertThat(verify(body("authToken", at))).isEqualTo(HttpAnswer.noContent());
        assertThat(verify(body("authToken", "Bearer " + at))).isEqualTo(HttpAnswer.noContent());
    }

    @Test
    void anExpiredTokenAnswers400() {
        f.clock.advance(Duration.ofSeconds(600));

        assertThat(verify(body("authToken", at)).status()).isEqualTo(400);
    }

    @Test
    void aForgedOrForeignTokenAnswers400() {
        String foreign = new JwtService(JwtServiceTest.OTHER_SECRET, f.clock).issue("alice", Duration.ofMinutes(10)).token();

        assertThat(verify(body("authToken", foreign)).status()).isEqualTo(400);
        assertThat(verify(body("authToken", at.substring(0, at.length() - 2))).status()).isEqualTo(400);
        assertThat(verify(body("authToken", "")).status()).isEqualTo(400);
    }

    @Test
    void aTokenOfADeletedUserAnswers400() {
        f.store.users().delete("alice");
        f.refreshDirectory();

        assertThat(verify(body("authToken", at)).status()).isEqualTo(400);
    }

    @Test
    void aMalformedBodyAnswers400() {
        assertThat(verify(new JsonBody.Empty()).status()).isEqualTo(400);
        assertThat(verify(new JsonBody.Malformed("body must be a JSON object")).status()).isEqualTo(400);
        assertThat(verify(body("token", at)).status()).isEqualTo(400);
        assertThat(verify(body("authToken", 1)).status()).isEqualTo(400);
    }

    private HttpAnswer verify(JsonBody body) {
        return await(f.login.verify(body));
    }
}
