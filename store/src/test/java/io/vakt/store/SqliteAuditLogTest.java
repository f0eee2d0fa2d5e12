package io.vakt.store;

import io.vakt.core.write.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

import static io.vakt.store.TestStores.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqliteAuditLogTest {
    @TempDir
    Path tmp;
    VaktStore store;
    SqliteAuditLog audit;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp);
        audit = store.auditLog();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static AuditEntry entry(Instant time, String address, String newValue) {
        return new AuditEntry(time, "alice", "192.0.2.7", "/Site/Floor 1", "SetPoint", address, "20.5", newValue, "ok");
    }

    @Test
    void recordedEntryComesBackWithEveryField() {
        AuditEntry written = new AuditEntry(T0, "alice", "192.0.2.7", "/Site/Floor 1", "SetPoint", "ctl1.AV12",
                "20.5", "21", "Write access level too low");
        audit.record(written);
        assertThat(audit.recent(1)).containsExactly(written);
    }

    @Test
    void optionalFieldsMayBeMissing() {
        AuditEntry written = new AuditEntry(T0, null, null, null, null, null, null, null, "ok");
        audit.record(written);
        assertThat(audit.recent(1)).containsExactly(written);
    }

    @Test
    void timeIsKeptToTheMillisecond() {
        audit.record(entry(T0.plusNanos(1_234_567), "ctl1.AV12", "21"));
        assertThat(audit.recent(1).getFirst().time()).isEqualTo(T0.plusMillis(1));
    }

    @Test
    void recentListsNewestFirstByTime() {
        audit.record(entry(T0.plusSeconds(2), "a", "2"));
        audit.record(entry(T0.plusSeconds(1), "a", "1"));
        audit.record(entry(T0.plusSeconds(3), "a", "3"));
        assertThat(audit.recent(10)).extracting(AuditEntry::newValue).containsExactly("3", "2", "1");
    }

    @Test
    void entriesWithEqualTimesComeBackLastRecordedFirst() {
        for (int i = 1; i <= 3; i++) audit.record(entry(T0, "a", Integer.toString(i)));
        assertThat(audit.recent(10)).extracting(AuditEntry::newValue).containsExactly("3", "2", "1");
    }

    @Test
    void recentHonoursTheLimit() {
        for (int i = 1; i <= 5; i++) audit.record(entry(T0.plusSeconds(i), "a", Integer.toString(i)));
        assertThat(audit.recent(2)).extracting(AuditEntry::newValue).containsExactly("5", "4");
        assertThat(audit.recent(0)).isEmpty();
    }

    @Test
    void recentRejectsANegativeLimit() {
        assertThatThrownBy(() -> audit.recent(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must not be negative, was -1");
    }

    @Test
    void forAddressListsOnlyThatAddressNewestFirst() {
        audit.record(entry(T0.plusSeconds(1), "ctl1.AV12", "1"));
        audit.record(entry(T0.plusSeconds(2), "ctl2.BV3", "x"));
        audit.record(entry(T0.plusSeconds(3), "ctl1.AV12", "3"));
        audit.record(entry(T0.plusSeconds(4), "ctl1.AV12", "4"));

        assertThat(audit.forAddress("ctl1.AV12", 10)).extracting(AuditEntry::newValue).containsExactly("4", "3", "1");
        assertThat(audit.forAddress("ctl1.AV12", 2)).extracting(AuditEntry::newValue).containsExactly("4", "3");
        assertThat(audit.forAddress("ctl9.none", 10)).isEmpty();
    }

    @Test
    void forAddressRejectsANegativeLimit() {
        assertThatThrownBy(() -> audit.forAddress("ctl1.AV12", -5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must not be negative, was -5");
    }

    @Test
    void recordRejectsAnEntryWithoutTime() {
        assertThatThrownBy(() -> audit.record(entry(null, "a", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("audit entry needs a time");
    }

    @Test
    void recordRejectsAnEntryWithoutOutcome() {
        assertThatThrownBy(() -> audit.record(new AuditEntry(T0, "alice", null, null, null, "a", null, "1", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("audit entry needs an outcome");
    }

    @Test
    void recordedEntriesSurviveReopening() {
        audit.record(entry(T0, "ctl1.AV12", "21"));
        store.close();
        store = TestStores.open(tmp);
        assertThat(store.auditLog().forAddress("ctl1.AV12", 10)).hasSize(1);
    }
}
