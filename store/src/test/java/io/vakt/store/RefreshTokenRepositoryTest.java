package io.vakt.store;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.RotationOutcome.Expired;
import io.vakt.store.RotationOutcome.Mismatch;
import io.vakt.store.RotationOutcome.Reused;
import io.vakt.store.RotationOutcome.Revoked;
import io.vakt.store.RotationOutcome.Rotated;
import io.vakt.store.RotationOutcome.Unknown;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.pw;
import static io.vakt.store.TestStores.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RefreshTokenRepositoryTest {
    private static final Instant IN_60_DAYS = T0.plus(Duration.ofDays(60));
    private static final Instant LATER = T0.plus(Duration.ofMinutes(30));

    @TempDir
    Path tmp;
    VaktStore store;
    RefreshTokenRepository tokens;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp);
        tokens = store.refreshTokens();
        store.users().create("alice", pw("s3cret"), AccessLevel.Operator);
        store.users().create("bob", pw("s3cret"), AccessLevel.Guest);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Rotated rotated(RotationOutcome outcome) {
        assertThat(outcome).isInstanceOf(Rotated.class);
        return (Rotated) outcome;
    }

    @Test
    void issueReturnsAUuidAndStoresOnlyItsSha256() {
        String token = tokens.issue("Alice", "jti-1", IN_60_DAYS);

        assertThat(UUID.fromString(token).toString()).isEqualTo(token);
        assertThat(queryOne(store, "SELECT count(*) FROM refresh_tokens WHERE token_hash = ?", token)).contains("0");
        assertThat(queryOne(store, "SELECT access_token_id FROM refresh_tokens WHERE token_hash = ?",
                RefreshTokenRepository.sha256(token))).contains("jti-1");
        assertThat(tokens.lookup(token)).hasValueSatisfying(info -> {
            assertThat(info.username()).isEqualTo("alice");
            assertThat(info.accessTokenId()).isEqualTo("jti-1");
            assertThat(info.issued()).isEqualTo(T0);
            assertThat(info.expires()).isEqualTo(IN_60_DAYS);
            assertThat(info.usableAt(LATER)).isTrue();
        });
    }

    @Test
    void eachLoginStartsANewFamily() {
        String first = tokens.issue("alice", "jti-1", IN_60_DAYS);
        String second = tokens.issue("alice", "jti-2", IN_60_DAYS);
        assertThat(tokens.lookup(first).orElseThrow().familyId()).isNotEqualTo(tokens.lookup(second).orElseThrow().familyId());
    }

    @Test
    void issueForAnUnknownUserFails() {
        assertThatThrownBy(() -> tokens.issue("nobody", "jti-1", IN_60_DAYS))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot issue a refresh token: user 'nobody' does not exist");
    }

    @Test
    void issueForADisabledUserFails() {
        store.users().setDisabled("alice", true);
        assertThatThrownBy(() -> tokens.issue("alice", "jti-1", IN_60_DAYS))
                .isInstanceOf(StoreException.class)
                .hasMessage("cannot issue a refresh token: user 'alice' is disabled");
    }

    @Test
    void issueRejectsAnExpiryThatIsNotInTheFuture() {
        assertThatThrownBy(() -> tokens.issue("alice", "jti-1", T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expiresAt");
    }

    @Test
    void issueRejectsABlankAccessTokenId() {
        assertThatThrownBy(() -> tokens.issue("alice", " ", IN_60_DAYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("accessTokenId must not be blank");
    }

    @Test
    void rotateIssuesANewTokenInTheSameFamilyAndSpendsTheOld() {
        String old = tokens.issue("alice", "jti-1", IN_60_DAYS);

        Rotated result = rotated(tokens.rotate(old, "jti-1", "alice", "jti-2", LATER.plus(Duration.ofDays(60)), LATER));

        assertThat(result.username()).isEqualTo("alice");
        assertThat(result.newRefreshToken()).isNotEqualTo(old);
        RefreshTokenInfo before = tokens.lookup(old).orElseThrow();
        RefreshTokenInfo after = tokens.lookup(result.newRefreshToken()).orElseThrow();
        assertThat(before.rotated()).isTrue();
        assertThat(after.familyId()).isEqualTo(before.familyId());
        assertThat(after.accessTokenId()).isEqualTo("jti-2");
        assertThat(after.issued()).isEqualTo(LATER);
        assertThat(after.usableAt(LATER)).isTrue();
    }

    @Test
    void rotatedTokenIsRefusedAfterwardsWhileItsSuccessorRotates() {
        String first = tokens.issue("alice", "jti-1", IN_60_DAYS);
        String second = rotated(tokens.rotate(first, "jti-1", "alice", "jti-2", IN_60_DAYS, LATER)).newRefreshToken();

        String third = rotated(tokens.rotate(second, "jti-2", "alice", "jti-3", IN_60_DAYS, LATER)).newRefreshToken();

        assertThat(tokens.lookup(third).orElseThrow().usableAt(LATER)).isTrue();
        assertThat(tokens.rotate(first, "jti-1", "alice", "jti-9", IN_60_DAYS, LATER)).isInstanceOf(Reused.class);
    }

    @Test
    void reuseOfASpentTokenRevokesTheWholeFamilyOnly() {
        String stolen = tokens.issue("alice", "jti-1", IN_60_DAYS);
        String current = rotated(tokens.rotate(stolen, "jti-1", "alice", "jti-2", IN_60_DAYS, LATER)).newRefreshToken();
        String otherLogin = tokens.issue("alice", "jti-other", IN_60_DAYS);

        assertThat(tokens.rotate(stolen, "jti-1", "alice", "jti-3", IN_60_DAYS, LATER)).isEqualTo(new Reused("alice"));

        assertThat(tokens.lookup(current).orElseThrow().revoked()).isTrue();
        assertThat(tokens.rotate(current, "jti-2", "alice", "jti-4", IN_60_DAYS, LATER)).isEqualTo(new Revoked());
        assertThat(tokens.rotate(otherLogin, "jti-other", "alice", "jti-5", IN_60_DAYS, LATER)).isInstanceOf(Rotated.class);
    }

    @Test
    void rotateOfAnUnknownTokenIsUnknown() {
        assertThat(tokens.rotate(UUID.randomUUID().toString(), "jti-1", "alice", "jti-2", IN_60_DAYS, LATER))
                .isEqualTo(new Unknown());
        assertThat(tokens.rotate("not even a uuid", "jti-1", "alice", "jti-2", IN_60_DAYS, LATER))
                .isEqualTo(new Unknown());
    }

    @Test
    void rotateOfAnExpiredTokenIsExpired() {
        String token = tokens.issue("alice", "jti-1", T0.plus(Duration.ofHours(1)));
        Instant atExpiry = T0.plus(Duration.ofHours(1));
        assertThat(tokens.rotate(token, "jti-1", "alice", "jti-2", IN_60_DAYS, atExpiry)).isEqualTo(new Expired());
        assertThat(tokens.lookup(token).orElseThrow().rotated()).isFalse();
    }

    @Test
    void rotateWithAnotherAccessTokenIsAMismatchAndSpendsNothing() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        assertThat(tokens.rotate(token, "jti-someone-else", "alice", "jti-2", IN_60_DAYS, LATER)).isEqualTo(new Mismatch());
        assertThat(tokens.rotate(token, "jti-1", "alice", "jti-2", IN_60_DAYS, LATER)).isInstanceOf(Rotated.class);
    }

    @Test
    void rotateForAnotherUserIsAMismatch() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        assertThat(tokens.rotate(token, "jti-1", "bob", "jti-2", IN_60_DAYS, LATER)).isEqualTo(new Mismatch());
        assertThat(tokens.rotate(token, "jti-1", "not a name", "jti-2", IN_60_DAYS, LATER)).isEqualTo(new Mismatch());
    }

    @Test
    void rotateAcceptsTheUsernameInAnyLetterCase() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        assertThat(rotated(tokens.rotate(token, "jti-1", "ALICE", "jti-2", IN_60_DAYS, LATER)).username()).isEqualTo("alice");
    }

    @Test
    void rotateRejectsANewExpiryThatIsNotAfterNow() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        assertThatThrownBy(() -> tokens.rotate(token, "jti-1", "alice", "jti-2", LATER, LATER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newExpiresAt");
    }

    @Test
    void rotateRejectsABlankNewAccessTokenId() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        assertThatThrownBy(() -> tokens.rotate(token, "jti-1", "alice", "", IN_60_DAYS, LATER))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("newAccessTokenId must not be blank");
    }

    @Test
    void revokeEndsATokenOnce() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);

        assertThat(tokens.revoke(token)).isTrue();
        assertThat(tokens.revoke(token)).isFalse();
        assertThat(tokens.rotate(token, "jti-1", "alice", "jti-2", IN_60_DAYS, LATER)).isEqualTo(new Revoked());
    }

    @Test
    void revokeOfAnUnknownOrSpentTokenReturnsFalse() {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        rotated(tokens.rotate(token, "jti-1", "alice", "jti-2", IN_60_DAYS, LATER));
        assertThat(tokens.revoke(token)).isFalse();
        assertThat(tokens.revoke(UUID.randomUUID().toString())).isFalse();
    }

    @Test
    void revokeIssuedWithRevokesOnlyTokensOfThatAccessToken() {
        String a = tokens.issue("alice", "jti-1", IN_60_DAYS);
        String b = tokens.issue("alice", "jti-1", IN_60_DAYS);
        String other = tokens.issue("alice", "jti-2", IN_60_DAYS);

        assertThat(tokens.revokeIssuedWith("jti-1")).isEqualTo(2);
        assertThat(tokens.revokeIssuedWith("jti-1")).isZero();

        assertThat(tokens.lookup(a).orElseThrow().revoked()).isTrue();
        assertThat(tokens.lookup(b).orElseThrow().revoked()).isTrue();
        assertThat(tokens.rotate(other, "jti-2", "alice", "jti-3", IN_60_DAYS, LATER)).isInstanceOf(Rotated.class);
    }

    @Test
    void revokeAllForRevokesEveryLiveTokenOfThatUserOnly() {
        tokens.issue("alice", "jti-1", IN_60_DAYS);
        tokens.issue("alice", "jti-2", IN_60_DAYS);
        String bobs = tokens.issue("bob", "jti-3", IN_60_DAYS);

        assertThat(tokens.revokeAllFor("ALICE")).isEqualTo(2);
        assertThat(tokens.revokeAllFor("nobody")).isZero();
        assertThat(tokens.lookup(bobs).orElseThrow().revoked()).isFalse();
    }

    @Test
    void purgeDeletesOnlyTokensExpiredByThen() {
        String shortLived = tokens.issue("alice", "jti-1", T0.plus(Duration.ofHours(1)));
        String longLived = tokens.issue("alice", "jti-2", IN_60_DAYS);

        assertThat(tokens.purgeExpired(T0.plus(Duration.ofHours(1)))).isEqualTo(1);

        assertThat(tokens.lookup(shortLived)).isEmpty();
        assertThat(tokens.lookup(longLived)).isPresent();
        assertThat(tokens.rotate(shortLived, "jti-1", "alice", "jti-3", IN_60_DAYS, LATER)).isEqualTo(new Unknown());
    }

    @Test
    void concurrentRotationsOfOneTokenLetOnlyOneWin() throws Exception {
        String token = tokens.issue("alice", "jti-1", IN_60_DAYS);
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<RotationOutcome>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (int i = 0; i < racers; i++) {
                String newJti = "jti-new-" + i;
                Callable<RotationOutcome> race = () -> {
                    start.await();
                    return tokens.rotate(token, "jti-1", "alice", newJti, IN_60_DAYS, LATER);
                };
                results.add(pool.submit(race));
            }
            start.countDown();
        }
        List<RotationOutcome> outcomes = new ArrayList<>();
        for (Future<RotationOutcome> f : results) outcomes.add(f.get());
        assertThat(outcomes).filteredOn(Rotated.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(Reused.class::isInstance).hasSize(racers - 1);
    }
}
