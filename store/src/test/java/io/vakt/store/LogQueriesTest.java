package io.vakt.store;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.write.AuditEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.vakt.store.TestStores.T0;
import static io.vakt.store.TestStores.pw;
import static io.vakt.store.TestStores.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class LogQueriesTest {
    static final String REFUSED = "db.userlog.query may read only the userlog table";
    static final String NOT_A_SELECT = "db.userlog.query runs only a SELECT statement (or WITH … SELECT)";

    @TempDir
    Path tmp;
    VaktStore store;
    LogQueries logs;

    @BeforeEach
    void open() {
        store = TestStores.open(tmp);
        logs = store.logQueries();
        store.users().create("alice", pw("secret-1"), AccessLevel.Admin);
        store.refreshTokens().issue("alice", "jti-1", T0.plus(Duration.ofDays(60)));
        store.serviceKeys().create("trend", AccessLevel.Service);
        store.auditLog().record(new AuditEntry(T0.plusMillis(123), "alice", "192.0.2.7", "/Site/Floor 1", "SetPoint",
                "ctl1.AV12", "20.5", "21", "ok"));
        store.auditLog().record(new AuditEntry(T0.plusSeconds(60), "bob", "192.0.2.8", "/Site/Floor 2", "Fan",
                "ctl2.BV3", "0", "1", "Write access level too low"));
        store.auditLog().record(new AuditEntry(T0.plusSeconds(120), "alice", null, null, null, "ctl1.AV12", "21",
                "22", "ok"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    List<Map<String, Object>> query(String sql) {
        return logs.query("userlog", sql, Map.of(), 1000);
    }

    List<Map<String, Object>> query(String sql, Map<String, Object> params) {
        return logs.query("userlog", sql, params, 1000);
    }

    static void assertFault(Runnable call, Fault fault, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(fault))
                .hasMessage(message);
    }

    // ---- what passes

    @Test
    void tablesListsTheUserLog() {
        assertThat(logs.tables()).containsExactly("userlog");
    }

    @Test
    void userlogRowsHaveReadableColumnsInOrder() {
        List<Map<String, Object>> rows = query("SELECT * FROM userlog ORDER BY id");
        assertThat(rows).hasSize(3);
        assertThat(rows.getFirst()).containsExactly(
                entry("id", 1L),
                entry("time", "2026-03-01T08:00:00.123Z"),
                entry("time_ms", T0.toEpochMilli() + 123),
                entry("user", "alice"),
                entry("client_address", "192.0.2.7"),
                entry("node_path", "/Site/Floor 1"),
                entry("element_path", "SetPoint"),
                entry("technical_address", "ctl1.AV12"),
                entry("old_value", "20.5"),
                entry("new_value", "21"),
                entry("outcome", "ok"));
        assertThat(rows.get(2)).containsEntry("client_address", null).containsEntry("time", "2026-03-01T08:02:00.000Z");
    }

    @Test
    void isoTimeShowsEveryMillisecondExactly() {
        long[] offsets = {0, 1, 7, 499, 500, 998, 999, 59_999, 86_399_999};
        for (long offset : offsets) {
            store.auditLog().record(new AuditEntry(T0.plusMillis(offset), "t", null, null, null, "t", null, null, "ok"));
        }
        DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
        List<Map<String, Object>> rows = query("SELECT time, time_ms FROM userlog WHERE user = 't' ORDER BY time_ms");
        assertThat(rows).hasSize(offsets.length).allSatisfy(row -> assertThat(row.get("time"))
                .isEqualTo(iso.format(Instant.ofEpochMilli((Long) row.get("time_ms")))));
        assertThat(rows.getLast()).containsEntry("time", "2026-03-02T07:59:59.999Z");
    }

    @Test
    void namedParametersFilterAndMayRepeat() {
        List<Map<String, Object>> rows = query(
                "SELECT id FROM userlog WHERE (user = @who OR client_address = @who) AND time_ms >= @since ORDER BY id",
                Map.of("who", "alice", "since", T0.toEpochMilli() + 1000, "unused", "fine"));
        assertThat(rows).extracting(r -> r.get("id")).containsExactly(3L);
    }

    @Test
    void parameterValuesOfEveryTypeBind() {
        Map<String, Object> params = new HashMap<>();
        params.put("s", "text");
        params.put("i", 42);
        params.put("l", 1L << 40);
        params.put("d", 2.5);
        params.put("t", true);
        params.put("f", false);
        params.put("n", null);
        params.put("b", new byte[] {1, 2});
        Map<String, Object> row = query("SELECT @s AS s, @i AS i, @l AS l, @d AS d, @t AS t, @f AS f, @n AS n, "
                + "typeof(@n) AS nt, @b AS b", params).getFirst();
        assertThat(row).containsEntry("s", "text").containsEntry("i", 42L).containsEntry("l", 1L << 40)
                .containsEntry("d", 2.5).containsEntry("t", 1L).containsEntry("f", 0L).containsEntry("n", null)
                .containsEntry("nt", "null");
        assertThat((byte[]) row.get("b")).containsExactly(1, 2);
    }

    @Test
    void valuesComeBackAsLongDoubleStringBytesOrNull() {
        Map<String, Object> row = query("SELECT 1 AS i, 9007199254740993 AS big, 1.5 AS r, 'a' AS t, x'00ff' AS b, "
                + "NULL AS n").getFirst();
        assertThat(row.get("i")).isEqualTo(1L);
        assertThat(row.get("big")).isEqualTo(9007199254740993L);
        assertThat(row.get("r")).isEqualTo(1.5);
        assertThat(row.get("t")).isEqualTo("a");
        assertThat((byte[]) row.get("b")).containsExactly(0, 0xff);
        assertThat(row).containsEntry("n", null).containsKeys("i", "big", "r", "t", "b", "n");
        assertThat(row.keySet()).containsExactly("i", "big", "r", "t", "b", "n");
    }

    @Test
    void columnNamesAreAsSqliteReportsThem() {
        Map<String, Object> row = query("SELECT count(*), max(time_ms) - min(time_ms) AS span, u.user FROM userlog u")
                .getFirst();
        assertThat(row.keySet()).containsExactly("count(*)", "span", "user");
        assertThat(row.get("count(*)")).isEqualTo(3L);
    }

    @Test
    void aRepeatedColumnNameKeepsItsFirstPlaceAndLastValue() {
        assertThat(query("SELECT 1 AS a, 2 AS b, 3 AS a").getFirst()).containsExactly(entry("a", 3L), entry("b", 2L));
    }

    @Test
    void everyKindOfReadOverTheLogPasses() {
        assertThat(query("SELECT 1 AS one")).hasSize(1);
        assertThat(query("SELECT count(*) AS n FROM userlog").getFirst()).containsEntry("n", 3L);
        assertThat(query("SELECT * FROM userlog WHERE technical_address = @a ORDER BY time_ms DESC",
                Map.of("a", "ctl1.AV12"))).hasSize(2); // uses index audit_log_technical_address
        assertThat(query("SELECT * FROM userlog WHERE time_ms BETWEEN @a AND @b",
                Map.of("a", T0.toEpochMilli(), "b", T0.toEpochMilli() + 61_000))).hasSize(2); // index audit_log_time
        assertThat(query("SELECT user, count(*) AS n FROM userlog GROUP BY user ORDER BY n DESC")).hasSize(2);
        assertThat(query("SELECT DISTINCT outcome FROM userlog")).hasSize(2);
        assertThat(query("WITH a AS (SELECT * FROM userlog WHERE user = 'alice') SELECT count(*) AS n FROM a")
                .getFirst()).containsEntry("n", 2L);
        assertThat(query("SELECT * FROM userlog WHERE id IN (SELECT max(id) FROM userlog)")).hasSize(1);
        assertThat(query("SELECT a.id, b.id AS next FROM userlog a JOIN userlog b ON b.id = a.id + 1")).hasSize(2);
        assertThat(query("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5) SELECT x FROM n"))
                .hasSize(5);
        assertThat(query("SELECT json_object('user', user) AS j FROM userlog LIMIT 1").getFirst().get("j"))
                .isEqualTo("{\"user\":\"alice\"}");
        assertThat(query("SELECT * FROM userlog;  -- the last one")).hasSize(3);
    }

    @Test
    void theViewsBaseTableIsTheSameDataAndPassesToo() {
        // the guard works on b-trees, and userlog's are audit_log's
        assertThat(query("SELECT count(*) AS n FROM audit_log").getFirst()).containsEntry("n", 3L);
    }

    @Test
    void eachQuerySeesEntriesRecordedSinceThePreviousOne() {
        assertThat(query("SELECT * FROM userlog")).hasSize(3);
        store.auditLog().record(new AuditEntry(T0.plusSeconds(300), "carol", null, null, null, "x", null, null, "ok"));
        assertThat(query("SELECT * FROM userlog")).hasSize(4);
    }

    // ---- limits

    @Test
    void readingStopsAtMaxRowsWithoutError() {
        assertThat(logs.query("userlog", "SELECT * FROM userlog ORDER BY id", Map.of(), 2))
                .extracting(r -> r.get("id")).containsExactly(1L, 2L);
        assertThat(logs.query("userlog",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n", Map.of(), 100_000))
                .hasSize(100_000);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 100_001})
    void maxRowsOutsideItsRangeIsRefused(int maxRows) {
        assertFault(() -> logs.query("userlog", "SELECT 1", Map.of(), maxRows), Fault.INVALID_ARGUMENT,
                "maxRows must be between 1 and 100000, was " + maxRows);
    }

    @Test
    void aQueryRunningPastTheTimeLimitIsStoppedAndTheConnectionStaysUsable() {
        LogQueries quick = new LogQueries(store.database(), Duration.ofMillis(200));
        try {
            long start = System.nanoTime();
            assertFault(() -> quick.query("userlog",
                            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
                            Map.of(), 10),
                    Fault.LIMIT_EXCEEDED, "the query ran longer than 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(quick.query("userlog", "SELECT count(*) AS n FROM userlog", Map.of(), 1).getFirst())
                    .containsEntry("n", 3L);
        } finally {
            quick.close();
        }
    }

    @Test
    void theDefaultTimeLimitReadsInSeconds() {
        assertThat(LogQueries.DEFAULT_TIME_LIMIT).isEqualTo(Duration.ofSeconds(10));
        LogQueries slow = new LogQueries(store.database(), Duration.ofSeconds(1));
        try {
            assertFault(() -> slow.query("userlog",
                            "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n) SELECT count(*) FROM n",
                            Map.of(), 10),
                    Fault.LIMIT_EXCEEDED, "the query ran longer than 1 s");
        } finally {
            slow.close();
        }
    }

    @Test
    void aHugeValueIsRefused() {
        assertThatThrownBy(() -> query("SELECT zeroblob(20000000) AS z"))
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(Fault.LIMIT_EXCEEDED))
                .hasMessage("string or blob too big");
    }

    @Test
    void aHugeResultIsRefused() {
        assertFault(() -> query(
                        "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10) "
                                + "SELECT zeroblob(10000000) AS z FROM n"),
                Fault.LIMIT_EXCEEDED, "the query result is larger than 64 MiB; select fewer rows or columns");
    }

    // ---- refused input

    @Test
    void anUnknownTableIsRefused() {
        assertFault(() -> logs.query("users", "SELECT 1", Map.of(), 1), Fault.INVALID_ARGUMENT,
                "there is no log table 'users'; available: userlog");
        assertFault(() -> logs.query("UserLog", "SELECT 1", Map.of(), 1), Fault.INVALID_ARGUMENT,
                "there is no log table 'UserLog'; available: userlog");
        assertFault(() -> logs.query(null, "SELECT 1", Map.of(), 1), Fault.INVALID_ARGUMENT,
                "there is no log table 'null'; available: userlog");
    }

    @Test
    void emptySqlIsRefused() {
        assertFault(() -> query(""), Fault.INVALID_ARGUMENT, "empty SQL");
        assertFault(() -> query(" -- nothing\n"), Fault.INVALID_ARGUMENT, "empty SQL");
        assertFault(() -> logs.query("userlog", null, null, 1), Fault.INVALID_ARGUMENT, "empty SQL");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefused() {
        assertFault(() -> query("SELECT * FROM userlog WHERE user = @who", Map.of("whom", "alice")),
                Fault.INVALID_ARGUMENT, "no value for @who");
        assertFault(() -> logs.query("userlog", "SELECT @x", null, 1), Fault.INVALID_ARGUMENT, "no value for @x");
    }

    @Test
    void aValueOfAnotherTypeIsRefused() {
        assertFault(() -> query("SELECT @x", Map.of("x", List.of(1))), Fault.INVALID_ARGUMENT,
                "the value for @x must be a string, number, boolean or null");
    }

    @Test
    void syntaxErrorsCarrySqlitesMessageOnly() {
        assertFault(() -> query("SELECT * FROM userlog WHER id = 1"), Fault.INVALID_ARGUMENT,
                "near \"id\": syntax error");
        assertFault(() -> query("SELECT * FROM userlog WHERE"), Fault.INVALID_ARGUMENT, "incomplete input");
        assertFault(() -> query("SELECT password_hash FROM userlog"), Fault.INVALID_ARGUMENT,
                "no such column: password_hash");
        assertFault(() -> query("SELECT * FROM nosuch"), Fault.INVALID_ARGUMENT, "no such table: nosuch");
        assertFault(() -> query("SELECT nosuch(1)"), Fault.INVALID_ARGUMENT, "no such function: nosuch");
        assertFault(() -> query("SELECT 'unclosed"), Fault.INVALID_ARGUMENT, "unrecognized token: \"'unclosed\"");
    }

    @Test
    void runtimeErrorsCarrySqlitesMessage() {
        assertFault(() -> query("SELECT abs(-9223372036854775808)"), Fault.INVALID_ARGUMENT, "integer overflow");
    }

    @Test
    void extensionsCannotBeLoaded() {
        assertFault(() -> query("SELECT load_extension('/tmp/evil.so')"), Fault.INVALID_ARGUMENT, "not authorized");
    }

    // ---- the guard: nothing but the log may be read

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM users",
            "SELECT password_hash FROM users",
            "SELECT count(*) FROM users",
            "SELECT * FROM main.users",
            "SELECT * FROM service_keys",
            "SELECT * FROM refresh_tokens",
            "SELECT token_hash FROM refresh_tokens WHERE access_token_id = 'jti-1'",
            "SELECT * FROM ssf_state",
            "SELECT * FROM flyway_schema_history",
            "SELECT * FROM sqlite_sequence",
            "SELECT * FROM sqlite_master",
            "SELECT sql FROM sqlite_schema",
            "SELECT * FROM main.sqlite_master",
            "SELECT * FROM temp.sqlite_master",
            "SELECT * FROM sqlite_temp_master",
            "SELECT * FROM pragma_table_info('users')",
            "SELECT * FROM pragma_database_list",
            "SELECT * FROM json_each('[1, 2]')",
            "SELECT l.*, u.password_hash FROM userlog l JOIN users u ON u.username_key = l.user",
            "SELECT * FROM userlog, users",
            "SELECT * FROM userlog WHERE user IN (SELECT username FROM users)",
            "SELECT * FROM userlog WHERE EXISTS (SELECT 1 FROM users WHERE password_hash LIKE '$argon2%')",
            "SELECT (SELECT password_hash FROM users LIMIT 1) AS h FROM userlog",
            "SELECT id FROM userlog UNION SELECT password_hash FROM users",
            "WITH u AS (SELECT * FROM users) SELECT * FROM u",
            "WITH u AS (SELECT * FROM userlog) SELECT * FROM u JOIN service_keys",
            "WITH x AS (SELECT 1) DELETE FROM audit_log",
            "WITH x AS (SELECT 1) INSERT INTO audit_log (time, outcome) VALUES (1, 'forged')",
            "WITH x AS (SELECT 1) UPDATE users SET access_level = 'Admin'",
            "WITH x AS (SELECT 1) REPLACE INTO service_keys (service, created_at, key_changed_at, key_hash) VALUES ('x', 1, 1, 'h')",
    })
    void readsBeyondTheLogAreRefused(String sql) {
        assertFault(() -> query(sql), Fault.INVALID_ARGUMENT, REFUSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ATTACH DATABASE 'other.db' AS other",
            "INSERT INTO audit_log (time, outcome) VALUES (1, 'forged')",
            "UPDATE users SET access_level = 'Admin'",
            "DELETE FROM audit_log",
            "DROP TABLE users",
            "DROP VIEW userlog",
            "PRAGMA table_info(users)",
            "PRAGMA query_only = 0",
            "CREATE TEMP TABLE t AS SELECT * FROM users",
            "VACUUM INTO '/tmp/copy.db'",
            "EXPLAIN SELECT * FROM users",
    })
    void statementsOtherThanSelectAreRefused(String sql) {
        assertFault(() -> query(sql), Fault.INVALID_ARGUMENT, NOT_A_SELECT);
    }

    @Test
    void aSecondStatementIsRefused() {
        assertFault(() -> query("SELECT * FROM userlog; DELETE FROM audit_log"), Fault.INVALID_ARGUMENT,
                "db.userlog.query runs a single statement; nothing may follow ';'");
    }

    @Test
    void virtualTablesThatAreNotCompiledInFailToo() {
        assertThatThrownBy(() -> query("SELECT * FROM sqlite_dbpage"))
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_ARGUMENT));
    }

    @Test
    void refusedQueriesLeaveTheStoreUntouched() {
        for (String sql : new String[] {"WITH x AS (SELECT 1) DELETE FROM audit_log", "DELETE FROM audit_log",
                "WITH x AS (SELECT 1) UPDATE users SET access_level = 'Guest'"}) {
            assertThatThrownBy(() -> query(sql)).isInstanceOf(VaktException.class);
        }
        assertThat(queryOne(store, "SELECT count(*) FROM audit_log")).contains("3");
        assertThat(queryOne(store, "SELECT access_level FROM users")).contains("Admin");
    }

    @Test
    void theQueryConnectionItselfCannotWrite() throws Exception {
        LogQueries quick = new LogQueries(store.database(), Duration.ofSeconds(1));
        try {
            // the fences behind the guard: read-only open flags and query_only on the script connection
            assertThat(quick.query("userlog", "SELECT 1 AS x", Map.of(), 1)).hasSize(1);
            Field field = LogQueries.class.getDeclaredField("connection");
            field.setAccessible(true);
            Connection c = (Connection) field.get(quick);
            assertThat(c.isReadOnly()).isTrue();
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_log"))
                        .hasMessageContaining("readonly");
                try (ResultSet rs = s.executeQuery("PRAGMA query_only")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                }
            }
        } finally {
            quick.close();
        }
        assertThat(queryOne(store, "SELECT count(*) FROM audit_log")).contains("3");
    }

    @Test
    void aClosedStoreRefusesQueries() {
        query("SELECT 1");
        store.close();
        assertThatThrownBy(() -> query("SELECT 1")).isInstanceOf(StoreException.class).hasMessageContaining("is closed");
    }
}
