package io.vakt.store;

import io.vakt.core.access.AccessLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.pw;
import static io.vakt.store.TestStores.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserRepositoryTest {
    @TempDir
    Path tmp;
    VaktStore store;
    UserRepository users;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp);
        users = store.users();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createStoresNameLevelAndTimes() {
        UserRecord created = users.create("Alice", pw("s3cret"), AccessLevel.Operator);

        UserRecord expected = new UserRecord("Alice", AccessLevel.Operator, T0, T0, false);
        assertThat(created).isEqualTo(expected);
        assertThat(users.find("Alice")).contains(expected);
    }

    @Test
    void createRefusesAnExistingUserInAnyLetterCase() {
        users.create("Alice", pw("s3cret"), AccessLevel.Operator);
        assertThatThrownBy(() -> users.create("aLICE", pw("other"), AccessLevel.Admin))
                .isInstanceOf(StoreException.class)
                .hasMessage("user 'aLICE' already exists");
        assertThat(users.find("alice")).hasValueSatisfying(u -> assertThat(u.level()).isEqualTo(AccessLevel.Operator));
    }

    @Test
    void findIgnoresLetterCaseIncludingNonAsciiLetters() {
        users.create("Åsa.Öberg", pw("s3cret"), AccessLevel.Guest);
        assertThat(users.find("åsa.öberg")).hasValueSatisfying(u -> assertThat(u.username()).isEqualTo("Åsa.Öberg"));
        assertThat(users.find("ÅSA.ÖBERG")).isPresent();
        // the same name with a combining ring (as some keyboards send it) is the same user
        assertThat(users.find("A\u030asa.Öberg")).isPresent();
    }

    @Test
    void findOfUnknownOrInvalidNameIsEmpty() {
        assertThat(users.find("nobody")).isEmpty();
        assertThat(users.find("not a name")).isEmpty();
    }

    @Test
    void authenticateAcceptsTheRightPassword() {
        users.create("alice", pw("correct horse"), AccessLevel.Service);
        assertThat(users.authenticate("ALICE", pw("correct horse")))
                .hasValueSatisfying(u -> assertThat(u.level()).isEqualTo(AccessLevel.Service));
    }

    @Test
    void authenticateRejectsAWrongPassword() {
        users.create("alice", pw("correct horse"), AccessLevel.Service);
        assertThat(users.authenticate("alice", pw("correct horsE"))).isEmpty();
        assertThat(users.authenticate("alice", pw(""))).isEmpty();
    }

    @Test
    void authenticateRejectsAnUnknownUser() {
        assertThat(users.authenticate("nobody", pw("whatever"))).isEmpty();
        assertThat(users.authenticate("not a name", pw("whatever"))).isEmpty();
    }

    @Test
    void authenticateRejectsADisabledUserUntilEnabledAgain() {
        users.create("alice", pw("s3cret"), AccessLevel.Guest);
        users.setDisabled("alice", true);
        assertThat(users.find("alice")).hasValueSatisfying(u -> assertThat(u.disabled()).isTrue());
        assertThat(users.authenticate("alice", pw("s3cret"))).isEmpty();

        users.setDisabled("alice", false);
        assertThat(users.authenticate("alice", pw("s3cret"))).isPresent();
    }

    @Test
    void disablingRevokesTheUsersRefreshTokens() {
        users.create("alice", pw("s3cret"), AccessLevel.Guest);
        String token = store.refreshTokens().issue("alice", "jti-1", T0.plus(Duration.ofDays(1)));
        users.setDisabled("alice", true);
        assertThat(store.refreshTokens().lookup(token)).hasValueSatisfying(t -> assertThat(t.revoked()).isTrue());
    }

    @Test
    void setDisabledOfUnknownUserFails() {
        assertThatThrownBy(() -> users.setDisabled("nobody", true))
                .isInstanceOf(StoreException.class).hasMessage("user 'nobody' does not exist");
    }

    @Test
    void setLevelChangesTheLevel() {
        users.create("alice", pw("s3cret"), AccessLevel.Guest);
        users.setLevel("Alice", AccessLevel.Admin);
        assertThat(users.find("alice")).hasValueSatisfying(u -> assertThat(u.level()).isEqualTo(AccessLevel.Admin));
    }

    @Test
    void setLevelOfUnknownUserFails() {
        assertThatThrownBy(() -> users.setLevel("nobody", AccessLevel.Admin))
                .isInstanceOf(StoreException.class).hasMessage("user 'nobody' does not exist");
    }

    @Test
    void setPasswordReplacesThePasswordAndRevokesRefreshTokens() {
        users.create("alice", pw("old-password"), AccessLevel.Guest);
        String token = store.refreshTokens().issue("alice", "jti-1", T0.plus(Duration.ofDays(1)));

        users.setPassword("ALICE", pw("new-password"));

        assertThat(users.authenticate("alice", pw("new-password"))).isPresent();
        assertThat(users.authenticate("alice", pw("old-password"))).isEmpty();
        assertThat(store.refreshTokens().lookup(token)).hasValueSatisfying(t -> assertThat(t.revoked()).isTrue());
    }

    @Test
    void setPasswordOfUnknownUserFails() {
        assertThatThrownBy(() -> users.setPassword("nobody", pw("x")))
                .isInstanceOf(StoreException.class).hasMessage("user 'nobody' does not exist");
    }

    @Test
    void setPasswordRejectsAnEmptyPassword() {
        users.create("alice", pw("old-password"), AccessLevel.Guest);
        assertThatThrownBy(() -> users.setPassword("alice", pw("")))
                .isInstanceOf(StoreException.class).hasMessage("password for user 'alice' must not be empty");
        assertThat(users.authenticate("alice", pw("old-password"))).isPresent();
    }

    @Test
    void createRejectsAnEmptyPassword() {
        assertThatThrownBy(() -> users.create("alice", pw(""), AccessLevel.Guest))
                .isInstanceOf(StoreException.class).hasMessage("password for user 'alice' must not be empty");
        assertThat(users.count()).isZero();
    }

    @Test
    void deleteRemovesTheUserAndItsRefreshTokens() {
        users.create("alice", pw("s3cret"), AccessLevel.Guest);
        String token = store.refreshTokens().issue("alice", "jti-1", T0.plus(Duration.ofDays(1)));

        assertThat(users.delete("ALICE")).isTrue();

        assertThat(users.find("alice")).isEmpty();
        assertThat(store.refreshTokens().lookup(token)).isEmpty();
        assertThat(queryOne(store, "SELECT count(*) FROM refresh_tokens")).contains("0");
    }

    @Test
    void deleteOfUnknownUserReturnsFalse() {
        assertThat(users.delete("nobody")).isFalse();
        assertThat(users.delete("not a name")).isFalse();
    }

    @Test
    void listIsOrderedByNameIgnoringCaseAndCountMatches() {
        users.create("charlie", pw("x"), AccessLevel.Guest);
        users.create("Bob", pw("x"), AccessLevel.Guest);
        users.create("alice", pw("x"), AccessLevel.Admin);
        assertThat(users.list()).extracting(UserRecord::username).containsExactly("alice", "Bob", "charlie");
        assertThat(users.count()).isEqualTo(3);
    }

    @Test
    void passwordIsStoredAsArgon2idPhcString() {
        users.create("alice", pw("s3cret"), AccessLevel.Guest);
        assertThat(queryOne(store, "SELECT password_hash FROM users WHERE username_key = 'alice'"))
                .hasValueSatisfying(h -> assertThat(h).matches(
                        "\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));
    }

    @Test
    void passwordHashedWithOtherSettingsStillAuthenticatesAfterSettingsChange() {
        users.create("alice", pw("s3cret"), AccessLevel.Guest);
        store.close();
        store = VaktStore.open(tmp, TestStores.fastOptions().withPasswordHashing(new Argon2Settings(2048, 2, 2)));
        users = store.users();
        assertThat(users.authenticate("alice", pw("s3cret"))).isPresent();
        users.create("bob", pw("s3cret"), AccessLevel.Guest);
        assertThat(queryOne(store, "SELECT password_hash FROM users WHERE username_key = 'bob'"))
                .hasValueSatisfying(h -> assertThat(h).startsWith("$argon2id$v=19$m=2048,t=2,p=2$"));
    }

    @Test
    void acceptsNamesOfLettersDigitsAndUnderscoreDotAtDash() {
        users.create("Jane_Doe.1@site-2", pw("x"), AccessLevel.Guest);
        users.create("x".repeat(64), pw("x"), AccessLevel.Guest);
        users.create("7", pw("x"), AccessLevel.Guest);
        assertThat(users.count()).isEqualTo(3);
    }

    @Test
    void rejectsAnEmptyName() {
        assertThatThrownBy(() -> users.create("", pw("x"), AccessLevel.Guest))
                .isInstanceOf(StoreException.class).hasMessage("invalid username '': must be 1 to 64 characters, was 0");
    }

    @Test
    void rejectsANameLongerThan64Characters() {
        assertThatThrownBy(() -> users.create("x".repeat(65), pw("x"), AccessLevel.Guest))
                .isInstanceOf(StoreException.class).hasMessageContaining("must be 1 to 64 characters, was 65");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a/b", "a'b", "a;b", "a\u0000b", "a+b", "a:b", " alice", "ali\tce"})
    void rejectsANameWithAForbiddenCharacter(String name) {
        assertThatThrownBy(() -> users.create(name, pw("x"), AccessLevel.Guest))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("invalid username '")
                .hasMessageEndingWith("': only letters, digits and '_', '.', '@', '-' are allowed");
        assertThat(users.count()).isZero();
    }

    @Test
    void rejectsAMissingName() {
        assertThatThrownBy(() -> users.create(null, pw("x"), AccessLevel.Guest))
                .isInstanceOf(StoreException.class).hasMessage("invalid username: missing");
    }
}
