package io.vakt.store;

import io.vakt.core.access.AccessLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.SecureRandom;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceKeyRepositoryTest {
    @TempDir Path dir;
    VaktStore store;
    ServiceKeyRepository keys;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        keys = store.serviceKeys();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void createReturnsAKeyOfTheDocumentedShapeOnce() {
        IssuedServiceKey issued = keys.create("reports", AccessLevel.Service);

        assertThat(issued.key()).matches("vsk_[A-Za-z0-9_-]{43}");
        assertThat(ServiceKeys.looksLikeKey(issued.key())).isTrue();
        assertThat(issued.record()).isEqualTo(new ServiceKeyRecord("reports", AccessLevel.Service, T0, T0, true));
        assertThat(issued.toString()).doesNotContain(issued.key());
    }

    @Test
    void onlyTheHashOfTheKeyIsStored() {
        IssuedServiceKey issued = keys.create("reports", AccessLevel.Service);

        assertThat(queryOne(store, "SELECT key_hash FROM service_keys WHERE service = ?", "reports"))
                .contains(ServiceKeys.hash(issued.key()));
        assertThat(queryOne(store, "SELECT count(*) FROM service_keys WHERE key_hash LIKE ?", "%" + issued.key().substring(4) + "%"))
                .contains("0");
        assertThat(keys.listWithHashes()).singleElement()
                .satisfies(stored -> assertThat(stored.keyHash()).isEqualTo(ServiceKeys.hash(issued.key())));
    }

    @Test
    void namesAreLowerCasedAndFollowTheUriComponentRule() {
        assertThat(keys.create("Reports", AccessLevel.Service).record().service()).isEqualTo("reports");
        assertThat(keys.find("REPORTS")).isPresent();
        assertThatThrownBy(() -> keys.create("no.dots", AccessLevel.Service))
                .isInstanceOf(StoreException.class).hasMessageContaining("invalid service name 'no.dots'");
        assertThatThrownBy(() -> keys.create("", AccessLevel.Service)).hasMessageContaining("missing");
        assertThatThrownBy(() -> keys.create("x".repeat(65), AccessLevel.Service)).hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> keys.create("åäö", AccessLevel.Service)).hasMessageContaining("only letters a-z");
    }

    @Test
    void aServiceHasOneKey() {
        keys.create("ssf-extra", AccessLevel.Service);
        assertThatThrownBy(() -> keys.create("SSF-extra", AccessLevel.Admin))
                .isInstanceOf(StoreException.class).hasMessage("service 'ssf-extra' already has a key");
    }

    @Test
    void rotateReplacesTheKeyAndKeepsTheRest() {
        IssuedServiceKey first = keys.create("charts", AccessLevel.Operator);
        IssuedServiceKey second = keys.rotate("Charts");

        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(second.record().level()).isEqualTo(AccessLevel.Operator);
        assertThat(keys.listWithHashes()).singleElement()
                .satisfies(stored -> assertThat(stored.keyHash()).isEqualTo(ServiceKeys.hash(second.key())));
        assertThatThrownBy(() -> keys.rotate("nobody")).hasMessage("service 'nobody' has no key");
    }

    @Test
    void disableEnableAndDelete() {
        keys.create("charts", AccessLevel.Service);
        keys.setEnabled("charts", false);
        assertThat(keys.find("charts")).hasValueSatisfying(r -> assertThat(r.enabled()).isFalse());
        keys.setEnabled("charts", true);
        assertThat(keys.find("charts")).hasValueSatisfying(r -> assertThat(r.enabled()).isTrue());

        assertThat(keys.delete("CHARTS")).isTrue();
        assertThat(keys.delete("charts")).isFalse();
        assertThat(keys.delete("not a name")).isFalse();
        assertThat(keys.list()).isEmpty();
        assertThatThrownBy(() -> keys.setEnabled("charts", true)).hasMessage("service 'charts' has no key");
    }

    @Test
    void listIsOrderedByName() {
        keys.create("zeta", AccessLevel.Service);
        keys.create("alpha", AccessLevel.Admin);
        assertThat(keys.list()).extracting(ServiceKeyRecord::service).containsExactly("alpha", "zeta");
    }

    @Test
    void keyShapeIsCheckedBeforeAnyLookUp() {
        String key = ServiceKeys.generate(new SecureRandom());
        assertThat(ServiceKeys.looksLikeKey(key)).isTrue();
        assertThat(ServiceKeys.looksLikeKey(key.substring(1))).isFalse();
        assertThat(ServiceKeys.looksLikeKey("eyJhbGciOiJIUzI1NiJ9.e30.x")).isFalse();
        assertThat(ServiceKeys.looksLikeKey(null)).isFalse();
    }
}
