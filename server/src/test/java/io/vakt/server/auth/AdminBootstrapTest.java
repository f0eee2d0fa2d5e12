package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.Argon2Settings;
import io.vakt.store.StoreOptions;
import io.vakt.store.UserRecord;
import io.vakt.store.VaktStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AdminBootstrapTest {
    @TempDir Path dataDir;
    VaktStore store;
    AdminBootstrap bootstrap;

    @BeforeEach
    void setUp() {
        store = VaktStore.open(dataDir, StoreOptions.defaults().withPasswordHashing(new Argon2Settings(1024, 1, 1)));
        bootstrap = new AdminBootstrap(store.users(), new SecureRandom());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void firstStartCreatesAdminWithAGeneratedPasswordShownOnce() {
        Optional<String> generated = bootstrap.ensureAdmin(null);

        assertThat(generated).get().asString().hasSize(20)
                .matches("[ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789]+");
        assertThat(store.users().authenticate("admin", generated.get().toCharArray()))
                .map(UserRecord::level).contains(AccessLevel.Admin);
        assertThat(bootstrap.ensureAdmin(null)).isEmpty();
    }

    @Test
    void generatedPasswordsDiffer() {
        String first = bootstrap.ensureAdmin("").orElseThrow();
        store.users().delete("admin");

        assertThat(bootstrap.ensureAdmin("  ")).get().isNotEqualTo(first);
    }

    @Test
    void firstStartUsesTheSuppliedPasswordAndReturnsNothing() {
        assertThat(bootstrap.ensureAdmin("from-the-environment")).isEmpty();

        assertThat(store.users().authenticate("admin", "from-the-environment".toCharArray()))
                .map(UserRecord::level).contains(AccessLevel.Admin);
    }

    @Test
    void doesNothingWhenAnyUserExists() {
        store.users().create("operator", "pw".toCharArray(), AccessLevel.Operator);

        assertThat(bootstrap.ensureAdmin(null)).isEmpty();
        assertThat(bootstrap.ensureAdmin("supplied")).isEmpty();
        assertThat(store.users().find("admin")).isEmpty();
    }
}
