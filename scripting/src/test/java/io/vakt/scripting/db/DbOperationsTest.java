package io.vakt.scripting.db;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.SsfCaller;
import io.vakt.scripting.SsfScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class DbOperationsTest {
    static final SsfScope SCOPE = new SsfScope("Landskrona", "TGFuZHNrcm9uYQ==",
            new SsfCaller("token", new Principal("alice", AccessLevel.Operator), false));
    static final int MAX_ROWS = 500;

    /** A log database that records what it was asked and answers with canned rows. */
    static final class RecordingLogs implements LogDatabase {
        final List<String> tables;
        List<Map<String, Object>> answer = List.of();
        RuntimeException failure;
        String table;
        String sql;
        Map<String, Object> params;
        int maxRows;
        String thread;

        RecordingLogs(String... tables) {
            this.tables = List.of(tables);
        }

        @Override
        public List<String> tables() {
            return tables;
        }

        @Override
        public List<Map<String, Object>> query(String table, String sql, Map<String, Object> params, int maxRows) {
            this.table = table;
            this.sql = sql;
            this.params = params;
            this.maxRows = maxRows;
            this.thread = Thread.currentThread().getName();
            if (failure != null) throw failure;
            return answer;
        }
    }

    final ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "blocking-test"));
    final AtomicInteger submitted = new AtomicInteger();
    final RecordingLogs logs = new RecordingLogs("userlog");
    final HostOperation query = new DbOperations(logs, task -> {
        submitted.incrementAndGet();
        blocking.execute(task);
    }, MAX_ROWS).query();

    @AfterEach
    void stop() throws InterruptedException {
        blocking.shutdownNow();
        assertThat(blocking.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
    }

    CompletionStage<Object> run(Object... args) {
        return query.run(SCOPE, Arrays.asList(args), progress -> { });
    }

    static Object result(CompletionStage<Object> stage) {
        return stage.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The exception the stage failed with, unwrapped as the SSF runtime sees it. */
    static Throwable failure(CompletionStage<Object> stage) {
        CompletableFuture<Throwable> seen = stage.toCompletableFuture().orTimeout(5, TimeUnit.SECONDS)
                .handle((value, error) -> error);
        Throwable error = seen.join();
        assertThat(error).as("the stage should have failed").isNotNull();
        return error;
    }

    void assertInvalid(CompletionStage<Object> stage, String message) {
        assertThat(failure(stage)).isInstanceOfSatisfying(VaktException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_ARGUMENT)).hasMessage(message);
        assertThat(submitted).as("nothing reaches the executor").hasValue(0);
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    // ---- running

    @Test
    void runsTheQueryOnTheBlockingExecutorAndCompletesWithTheRows() {
        logs.answer = List.of(map("id", 1L, "user", "alice"), map("id", 2L, "user", null));
        Object rows = result(run("userlog", "SELECT id, user FROM userlog", null, null));
        assertThat(rows).isEqualTo(List.of(map("id", 1L, "user", "alice"), map("id", 2L, "user", null)));
        assertThat(logs.thread).isEqualTo("blocking-test");
        assertThat(logs.table).isEqualTo("userlog");
        assertThat(logs.sql).isEqualTo("SELECT id, user FROM userlog");
        assertThat(logs.params).isEmpty();
        assertThat(logs.maxRows).isEqualTo(MAX_ROWS);
        assertThat(submitted).hasValue(1);
    }

    @Test
    void onlyTableAndSqlAreRequired() {
        result(run("userlog", "SELECT 1"));
        assertThat(logs.params).isEmpty();
        assertThat(logs.maxRows).isEqualTo(MAX_ROWS);
    }

    @Test
    void columnOrderIsKeptAndBlobsBecomeBase64() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("z", 1L);
        row.put("blob", new byte[] {0, 1, 2, (byte) 0xff});
        row.put("a", 2.5);
        logs.answer = List.of(row);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) result(run("userlog", "SELECT …"));
        assertThat(rows.getFirst()).containsExactly(entry("z", 1L), entry("blob", "AAEC/w=="), entry("a", 2.5));
    }

    @Test
    void theTableNameIgnoresLetterCase() {
        result(run("UserLog", "SELECT 1"));
        assertThat(logs.table).isEqualTo("userlog");
    }

    @Test
    void aFailingQueryFailsTheStageWithItsOwnException() {
        VaktException refused = Fault.INVALID_ARGUMENT.exception("db.userlog.query may read only the userlog table");
        logs.failure = refused;
        assertThat(failure(run("userlog", "SELECT * FROM users"))).isSameAs(refused);
        logs.failure = Fault.LIMIT_EXCEEDED.exception("the query ran longer than 10 s");
        assertThat(failure(run("userlog", "SELECT 1"))).isInstanceOfSatisfying(VaktException.class,
                e -> assertThat(e.fault()).isEqualTo(Fault.LIMIT_EXCEEDED));
    }

    @Test
    void aRefusingExecutorFailsTheStage() {
        HostOperation refusing = new DbOperations(logs, task -> {
            throw new RejectedExecutionException("queue full");
        }, MAX_ROWS).query();
        CompletionStage<Object> stage = refusing.run(SCOPE, List.of("userlog", "SELECT 1"), p -> { });
        assertThat(failure(stage)).isInstanceOf(RejectedExecutionException.class).hasMessage("queue full");
    }

    @Test
    void aMaxRowsBelowOneIsAProgrammingError() {
        assertThatThrownBy(() -> new DbOperations(logs, Runnable::run, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRows must be at least 1, was 0");
    }

    // ---- tables

    @Test
    void aKnownLogThisVersionDoesNotKeepIsNamed() {
        assertInvalid(run("analogs", "SELECT 1"),
                "the analogs log does not exist in this version of Vakt; available: userlog");
        assertInvalid(run("Digitals", "SELECT 1"),
                "the digitals log does not exist in this version of Vakt; available: userlog");
        assertInvalid(run("ALARMS", "SELECT 1"),
                "the alarms log does not exist in this version of Vakt; available: userlog");
    }

    @Test
    void aLogTheDatabaseOffersIsServed() {
        RecordingLogs more = new RecordingLogs("userlog", "alarms");
        HostOperation op = new DbOperations(more, Runnable::run, MAX_ROWS).query();
        result(op.run(SCOPE, List.of("Alarms", "SELECT 1"), p -> { }));
        assertThat(more.table).isEqualTo("alarms");
    }

    @Test
    void anUnknownTableIsRefused() {
        assertInvalid(run("users", "SELECT 1"),
                "there is no log table 'users'; known: analogs, digitals, alarms, userlog");
        assertInvalid(run(42, "SELECT 1"),
                "db.query needs the table name as a string, one of analogs, digitals, alarms, userlog");
        assertInvalid(run(), "db.query needs the table name as a string, one of analogs, digitals, alarms, userlog");
    }

    // ---- sql

    @Test
    void theSqlMustBeANonEmptyString() {
        String message = "db.userlog.query needs the SQL as a non-empty string";
        assertInvalid(run("userlog"), message);
        assertInvalid(run("userlog", null), message);
        assertInvalid(run("userlog", "  \n"), message);
        assertInvalid(run("userlog", 7), message);
    }

    // ---- params

    @Test
    void paramsAsAnObject() {
        result(run("userlog", "SELECT @a, @b", map("a", "x", "b", 2), null));
        assertThat(logs.params).containsExactly(entry("a", "x"), entry("b", 2));
    }

    @Test
    void paramsAsAnArrayOfSingleEntryObjects() {
        result(run("userlog", "SELECT @a, @b", List.of(map("a", 1.5), map("b", true)), null));
        assertThat(logs.params).containsExactly(entry("a", 1.5), entry("b", true));
    }

    @Test
    void paramsAsAnArrayOfKeyValueObjects() {
        result(run("userlog", "SELECT @a, @b", List.of(map("key", "a", "value", "x"), map("value", null, "key", "b")),
                null));
        assertThat(logs.params).containsExactly(entry("a", "x"), entry("b", null));
    }

    @Test
    void paramShapesMayBeMixedAndALeadingAtSignIsDropped() {
        result(run("userlog", "SELECT @a, @b, @key", List.of(map("@a", 1), map("key", "@b", "value", 2),
                map("key", "k")), null));
        assertThat(logs.params).containsExactly(entry("a", 1), entry("b", 2), entry("key", "k"));
    }

    @Test
    void emptyParamsAreFine() {
        result(run("userlog", "SELECT 1", List.of(), null));
        assertThat(logs.params).isEmpty();
        result(run("userlog", "SELECT 1", Map.of(), null));
        assertThat(logs.params).isEmpty();
    }

    @Test
    void malformedParamsAreRefused() {
        assertInvalid(run("userlog", "SELECT 1", "a=1", null), "db.query params must be an object or an array of objects");
        assertInvalid(run("userlog", "SELECT 1", List.of("a"), null),
                "each db.query params entry must be {name: value} or {key, value}");
        assertInvalid(run("userlog", "SELECT 1", List.of(map("a", 1, "b", 2)), null),
                "each db.query params entry must be {name: value} or {key, value}");
        assertInvalid(run("userlog", "SELECT 1", List.of(Map.of()), null),
                "each db.query params entry must be {name: value} or {key, value}");
        assertInvalid(run("userlog", "SELECT 1", List.of(map("key", 5, "value", 1)), null),
                "db.query parameter names must be non-empty strings");
        assertInvalid(run("userlog", "SELECT 1", map("", 1), null), "db.query parameter names must be non-empty strings");
        assertInvalid(run("userlog", "SELECT 1", map("@", 1), null), "db.query parameter names must be non-empty strings");
    }

    @Test
    void aParamGivenTwiceIsRefused() {
        assertInvalid(run("userlog", "SELECT @a", List.of(map("a", 1), map("@a", 2)), null),
                "db.query parameter @a is given twice");
    }

    @Test
    void paramValuesMustBeScalars() {
        assertInvalid(run("userlog", "SELECT @a", map("a", List.of(1)), null),
                "the value for @a must be a string, number, boolean or null");
        assertInvalid(run("userlog", "SELECT @a", List.of(map("a", map("x", 1))), null),
                "the value for @a must be a string, number, boolean or null");
    }

    // ---- options

    @Test
    void maxRowsMayLowerTheCap() {
        result(run("userlog", "SELECT 1", null, map("maxRows", 5)));
        assertThat(logs.maxRows).isEqualTo(5);
        result(run("userlog", "SELECT 1", null, map("maxRows", 7.0)));
        assertThat(logs.maxRows).isEqualTo(7);
        result(run("userlog", "SELECT 1", null, map("maxRows", MAX_ROWS)));
        assertThat(logs.maxRows).isEqualTo(MAX_ROWS);
    }

    @Test
    void optionsWithoutMaxRowsKeepTheConfiguredCap() {
        Map<String, Object> options = new HashMap<>();
        options.put("maxRows", null);
        options.put("other", "ignored");
        result(run("userlog", "SELECT 1", null, options));
        assertThat(logs.maxRows).isEqualTo(MAX_ROWS);
    }

    @Test
    void maxRowsOutsideTheCapIsRefused() {
        for (Object bad : new Object[] {0, -1, MAX_ROWS + 1, 2.5, "10", Double.NaN, true}) {
            assertInvalid(run("userlog", "SELECT 1", null, map("maxRows", bad)),
                    "maxRows must be a whole number between 1 and 500, was " + bad);
        }
    }

    @Test
    void optionsMustBeAnObject() {
        assertInvalid(run("userlog", "SELECT 1", null, new ArrayList<>(List.of(5))), "db.query options must be an object");
    }
}
