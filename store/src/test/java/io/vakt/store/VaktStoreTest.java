package io.vakt.store;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.write.AuditEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.pw;
import static io.vakt.store.TestStores.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VaktStoreTest {
    @TempDir
    Path tmp;

    @Test
    void firstOpenCreatesFolderDatabaseAndSchema() {
        Path dataDir = tmp.resolve("data/nested");
        try (VaktStore store = TestStores.open(dataDir)) {
            assertThat(store.file()).isEqualTo(dataDir.toAbsolutePath().resolve("vakt.db"));
            assertThat(dataDir.resolve("vakt.db")).isRegularFile();
            for (String table : new String[] {"users", "refresh_tokens", "audit_log", "service_keys", "ssf_state"}) {
                assertThat(queryOne(store, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", table))
                        .contains(table);
            }
            assertThat(queryOne(store, "SELECT max(version) FROM flyway_schema_history WHERE success = 1")).contains("3");
            assertThat(store.users().count()).isZero();
        }
    }

    @Test
    void reopeningAnExistingStoreKeepsItsData() {
        String token;
        try (VaktStore store = TestStores.open(tmp)) {
            store.users().create("alice", pw("secret-1"), AccessLevel.Operator);
            token = store.refreshTokens().issue("alice", "jti-1", T0.plus(Duration.ofDays(60)));
            store.auditLog().record(new AuditEntry(T0, "alice", "10.0.0.5", "/A", "e1", "ctl1.p1", "1", "2", "ok"));
        }
        try (VaktStore store = TestStores.open(tmp)) {
            assertThat(store.users().authenticate("alice", pw("secret-1"))).isPresent();
            assertThat(store.refreshTokens().lookup(token)).hasValueSatisfying(t -> assertThat(t.username()).isEqualTo("alice"));
            assertThat(store.auditLog().recent(10)).extracting(AuditEntry::technicalAddress).containsExactly("ctl1.p1");
            assertThat(queryOne(store, "SELECT count(*) FROM flyway_schema_history WHERE success = 1")).contains("3");
        }
    }

    @Test
    void connectionRunsWalNormalSyncForeignKeysAndBusyTimeout() {
        try (VaktStore store = TestStores.open(tmp)) {
            assertThat(queryOne(store, "PRAGMA journal_mode")).contains("wal");
            assertThat(queryOne(store, "PRAGMA synchronous")).contains("1");
            assertThat(queryOne(store, "PRAGMA foreign_keys")).contains("1");
            assertThat(queryOne(store, "PRAGMA busy_timeout")).contains("5000");
        }
    }

    @Test
    void durableAuditWriteRestoresNormalSync() {
        try (VaktStore store = TestStores.open(tmp)) {
            store.auditLog().record(new AuditEntry(T0, "bob", null, null, null, "ctl1.p1", null, "1", "ok"));
            assertThat(queryOne(store, "PRAGMA synchronous")).contains("1");
        }
    }

    @Test
    void secondStoreOnTheSameFolderSeesUsersOfTheFirst() {
        try (VaktStore server = TestStores.open(tmp); VaktStore cli = TestStores.open(tmp)) {
            server.users().create("alice", pw("server-made"), AccessLevel.Admin);
            assertThat(cli.users().find("ALICE")).hasValueSatisfying(u -> assertThat(u.level()).isEqualTo(AccessLevel.Admin));

            cli.users().create("bob", pw("cli-made"), AccessLevel.Guest);
            cli.users().setPassword("alice", pw("changed-by-cli"));
            assertThat(server.users().find("bob")).isPresent();
            assertThat(server.users().authenticate("alice", pw("changed-by-cli"))).isPresent();
            assertThat(server.users().authenticate("alice", pw("server-made"))).isEmpty();
        }
    }

    @Test
    void openFailsNamingTheFileWhenTheFolderCannotBeCreated() throws Exception {
        Path notAFolder = Files.writeString(tmp.resolve("plain-file"), "x");
        assertThatThrownBy(() -> TestStores.open(notAFolder))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open store at " + notAFolder.toAbsolutePath().resolve("vakt.db"));
    }

    @Test
    void openFailsNamingTheFileWhenItIsNotADatabase() throws Exception {
        Files.writeString(tmp.resolve("vakt.db"), "this is not an SQLite file, just some text that is long enough ".repeat(20));
        assertThatThrownBy(() -> TestStores.open(tmp))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("cannot open store at " + tmp.toAbsolutePath().resolve("vakt.db"));
    }

    @Test
    void closedStoreRefusesWork() {
        VaktStore store = TestStores.open(tmp);
        store.close();
        store.close();
        assertThatThrownBy(() -> store.users().count())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void sqliteTempDirOptionSetsTheNativeLibraryFolder() {
        String before = System.getProperty(VaktStore.SQLITE_TMPDIR_PROPERTY);
        Path nativeDir = tmp.resolve("native-tmp");
        try (VaktStore store = VaktStore.open(tmp.resolve("data"), TestStores.fastOptions().withSqliteTempDir(nativeDir))) {
            assertThat(System.getProperty(VaktStore.SQLITE_TMPDIR_PROPERTY)).isEqualTo(nativeDir.toAbsolutePath().toString());
            assertThat(nativeDir).isDirectory();
            assertThat(store.users().count()).isZero();
        } finally {
            if (before == null) System.clearProperty(VaktStore.SQLITE_TMPDIR_PROPERTY);
            else System.setProperty(VaktStore.SQLITE_TMPDIR_PROPERTY, before);
        }
    }
}
