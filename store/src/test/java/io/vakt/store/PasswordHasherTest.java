package io.vakt.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.vakt.store.TestStores.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordHasherTest {
    // phc-winner-argon2 src/test.c: Argon2id v1.3, t=2, m=256 KiB, p=1, password "password", salt "somesalt"
    private static final String REFERENCE = "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    private static final String REFERENCE_P2 = "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc";

    private final PasswordHasher fast = new PasswordHasher(TestStores.FAST);

    @Test
    void hashIsAnArgon2idPhcStringWith16ByteSaltAnd32ByteHash() {
        assertThat(fast.hash(pw("s3cret")))
                .matches("\\$argon2id\\$v=19\\$m=1024,t=1,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    }

    @Test
    void defaultSettingsProduceAVerifiableOwaspHash() {
        PasswordHasher defaults = new PasswordHasher(Argon2Settings.defaults());
        String phc = defaults.hash(pw("correct horse battery staple"));
        assertThat(phc).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(defaults.verify(pw("correct horse battery staple"), phc)).isTrue();
        assertThat(defaults.verify(pw("correct horse battery stapler"), phc)).isFalse();
    }

    @Test
    void verifiesTheReferenceImplementationsTestVectors() {
        assertThat(fast.verify(pw("password"), REFERENCE)).isTrue();
        assertThat(fast.verify(pw("password"), REFERENCE_P2)).isTrue();
        assertThat(fast.verify(pw("passwore"), REFERENCE)).isFalse();
    }

    @Test
    void hashMadeWithOtherParametersStillVerifies() {
        String phc = new PasswordHasher(new Argon2Settings(2048, 3, 2)).hash(pw("s3cret"));
        assertThat(phc).startsWith("$argon2id$v=19$m=2048,t=3,p=2$");
        assertThat(fast.verify(pw("s3cret"), phc)).isTrue();
    }

    @Test
    void wrongPasswordDoesNotVerify() {
        String phc = fast.hash(pw("s3cret"));
        assertThat(fast.verify(pw("s3creT"), phc)).isFalse();
        assertThat(fast.verify(pw(""), phc)).isFalse();
    }

    @Test
    void nonAsciiPasswordsVerifyAsUtf8() {
        String phc = fast.hash(pw("lösenord-€-𝄞"));
        assertThat(fast.verify(pw("lösenord-€-𝄞"), phc)).isTrue();
        assertThat(fast.verify(pw("losenord-€-𝄞"), phc)).isFalse();
    }

    @Test
    void eachHashGetsAFreshSalt() {
        String first = fast.hash(pw("s3cret"));
        String second = fast.hash(pw("s3cret"));
        assertThat(first).isNotEqualTo(second);
        assertThat(fast.verify(pw("s3cret"), first)).isTrue();
        assertThat(fast.verify(pw("s3cret"), second)).isTrue();
    }

    @Test
    void hashingLeavesTheCallersPasswordArrayAlone() {
        char[] password = pw("s3cret");
        fast.verify(password, fast.hash(password));
        assertThat(password).containsExactly('s', '3', 'c', 'r', 'e', 't');
    }

    @Test
    void rejectsAnEmptyPassword() {
        assertThatThrownBy(() -> fast.hash(new char[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password must not be empty");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "$argon2i$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",  // other variant
            "$argon2id$v=16$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // other version
            "$argon2id$v=19$m=256,t=2$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",     // missing p
            "$argon2id$v=19$t=2,m=256,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // wrong order
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ",                                             // no hash
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4$x", // extra part
            "$argon2id$v=19$m=256,t=2,p=1$c29t!XNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // not base64
            "$argon2id$v=19$m=256,t=2,p=1$c29tZQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",      // salt < 8 bytes
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR",                                // hash < 16 bytes
            "$argon2id$v=19$m=4,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",   // m < 8 KiB per lane
            "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // m > 4 GiB
            "$argon2id$v=19$m=256,t=0,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // t = 0
            "$argon2id$v=19$m=256,t=2,p=0$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // p = 0
            "$argon2id$v=19$m=+256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4", // sign
            "plain-text-password",
    })
    void malformedStoredHashNeverMatches(String phc) {
        assertThat(fast.verify(pw("password"), phc)).isFalse();
    }

    @Test
    void needsRehashWhenStoredParametersDifferFromTheSettings() {
        assertThat(fast.needsRehash(fast.hash(pw("s3cret")))).isFalse();
        assertThat(fast.needsRehash(REFERENCE)).isTrue();
        assertThat(fast.needsRehash("garbage")).isTrue();
    }

    @Test
    void spendingOneHashMatchesNothing() {
        fast.spendOneHash(pw("password"));
        fast.spendOneHash(pw(""));
        assertThat(fast.settings()).isEqualTo(TestStores.FAST);
    }

    @Test
    void defaultSettingsAreOwaspsFirstChoice() {
        assertThat(Argon2Settings.defaults()).isEqualTo(new Argon2Settings(19456, 2, 1));
    }

    @Test
    void settingsRejectMemoryBelowEightKiBPerLane() {
        assertThatThrownBy(() -> new Argon2Settings(15, 1, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory must be 16 to");
    }

    @Test
    void settingsRejectMemoryAboveFourGiB() {
        assertThatThrownBy(() -> new Argon2Settings(4 * 1024 * 1024 + 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory");
    }

    @Test
    void settingsRejectZeroIterations() {
        assertThatThrownBy(() -> new Argon2Settings(1024, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("iterations must be 1 to 1024");
    }

    @Test
    void settingsRejectParallelismOutOfRange() {
        assertThatThrownBy(() -> new Argon2Settings(1024, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism must be 1 to 255");
        assertThatThrownBy(() -> new Argon2Settings(1 << 20, 1, 256))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism must be 1 to 255");
    }
}
