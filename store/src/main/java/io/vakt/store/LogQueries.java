package io.vakt.store;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteLimits;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Read-only, parameterised SQL over the store's log tables for ServerSideFunctions
 * ({@code db.userlog.query}, spec §8.3). The method shapes match {@code io.vakt.scripting.db.LogDatabase},
 * so the server adapts one to the other without this module depending on scripting.
 *
 * <p>The SQL comes from project code, and the same file holds password hashes, refresh tokens and service
 * keys, so each query passes three independent fences: {@link QueryText} accepts one SELECT or WITH statement
 * with {@code @name} placeholders, {@link TableGuard} checks the compiled program reads only the named log
 * table, and the query runs on a connection of its own that is opened read-only with
 * {@code PRAGMA query_only}, never on the store's writer. A progress handler stops a query that runs longer
 * than the time limit.
 *
 * <p>Queries are rare, so one connection, opened on first use and guarded by a lock, serves them one at a
 * time. Every method blocks: never call one on an event loop.
 */
public final class LogQueries {
    /** How long one query may run unless the store is opened with another limit. */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);
    /** The most rows one query may ask for. */
    public static final int MAX_ROWS = 100_000;

    private static final Logger log = LoggerFactory.getLogger(LogQueries.class);
    /** Log table as scripts name it → the base table whose b-trees its queries may read. */
    private static final Map<String, String> BASE_TABLES = Map.of("userlog", "audit_log");
    private static final List<String> TABLES = List.of("userlog");
    /** SQLite calls the progress handler every this many virtual-machine instructions (well under a millisecond). */
    private static final int PROGRESS_INTERVAL = 1000;
    /** No single value a query builds may be larger: zeroblob(1e9) would otherwise take a gigabyte. */
    private static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;
    /** A script's statement is a few lines; SQLite's own default allows a gigabyte. */
    private static final int MAX_SQL_BYTES = 1024 * 1024;
    /** All values of one result together, roughly as held in memory: rows × large values could fill the heap. */
    private static final long MAX_RESULT_BYTES = 64L * 1024 * 1024;

    private final Path file;
    private final Duration timeLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;
    /** System.nanoTime() after which the running query is stopped; read by SQLite's progress callback. */
    private volatile long deadline = Long.MAX_VALUE;

    LogQueries(Database db, Duration timeLimit) {
        Objects.requireNonNull(timeLimit, "timeLimit");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, was " + timeLimit);
        }
        this.file = db.file();
        this.timeLimit = timeLimit;
    }

    /** The log tables scripts can query, lower-case. */
    public List<String> tables() {
        return TABLES;
    }

    /**
     * Runs one read-only {@code SELECT} that may read only {@code table}; {@code params} fill {@code @name}
     * placeholders (String, Number, Boolean, byte[] or null; unused entries are ignored).
     *
     * @return at most {@code maxRows} rows (reading stops there, without error), each column name as SQLite
     *         reports it → value (Long, Double, String, byte[] or null), in column order; a name that occurs
     *         twice keeps its first position and its last value
     * @throws VaktException  {@code INVALID_ARGUMENT} for an unknown table, empty SQL, SQL that is not a single
     *                        SELECT, reads anything but {@code table}, lacks a parameter value or does not
     *                        compile (with SQLite's message); {@code LIMIT_EXCEEDED} when it runs longer than
     *                        the time limit, builds a value larger than 16 MiB or a result larger than 64 MiB
     * @throws StoreException if the database cannot be read
     */
    public List<Map<String, Object>> query(String table, String sql, Map<String, Object> params, int maxRows) {
        String baseTable = table == null ? null : BASE_TABLES.get(table);
        if (baseTable == null) {
            throw Fault.INVALID_ARGUMENT.exception("there is no log table '" + table + "'; available: "
                    + String.join(", ", TABLES));
        }
        if (maxRows < 1 || maxRows > MAX_ROWS) {
            throw Fault.INVALID_ARGUMENT.exception("maxRows must be between 1 and " + MAX_ROWS + ", was " + maxRows);
        }
        String operation = "db." + table + ".query";
        QueryText text = QueryText.parse(sql, operation);
        List<Object> values = values(text, params == null ? Map.of() : params);
        String refusal = operation + " may read only the " + table + " table";
        TableGuard guard = new TableGuard(refusal);

        lock.lock();
        try {
            Connection c = connection();
            deadline = System.nanoTime() + timeLimit.toNanos();
            execute(c, "BEGIN");
            try {
                // one read transaction: the root pages checked are those of the snapshot the query reads
                Set<Long> roots = TableGuard.rootPages(c, baseTable);
                guard.check(c, text.sql(), roots);
                return run(c, text.sql(), values, maxRows);
            } finally {
                deadline = Long.MAX_VALUE;
                endTransaction(c);
            }
        } catch (SQLException e) {
            throw failure(operation, refusal, e);
        } finally {
            lock.unlock();
        }
    }

    private static List<Object> values(QueryText text, Map<String, Object> params) {
        List<Object> values = new ArrayList<>(text.parameters().size());
        for (String name : text.parameters()) {
            if (!params.containsKey(name)) throw Fault.INVALID_ARGUMENT.exception("no value for @" + name);
            Object value = params.get(name);
            if (!(value == null || value instanceof String || value instanceof Number || value instanceof Boolean
                    || value instanceof byte[])) {
                throw Fault.INVALID_ARGUMENT.exception("the value for @" + name + " must be a string, number, boolean or null");
            }
            values.add(value);
        }
        return values;
    }

    private static List<Map<String, Object>> run(Connection c, String sql, List<Object> values, int maxRows)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) bind(s, i + 1, values.get(i));
            try (ResultSet rs = s.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                int columns = meta.getColumnCount();
                String[] names = new String[columns];
                for (int i = 0; i < columns; i++) names[i] = meta.getColumnLabel(i + 1);
                List<Map<String, Object>> rows = new ArrayList<>();
                long size = 0;
                while (rows.size() < maxRows && rs.next()) {
                    Map<String, Object> row = LinkedHashMap.newLinkedHashMap(columns);
                    for (int i = 0; i < columns; i++) {
                        Object value = value(rs.getObject(i + 1));
                        size += sizeOf(value);
                        row.put(names[i], value);
                    }
                    if (size > MAX_RESULT_BYTES) {
                        throw Fault.LIMIT_EXCEEDED.exception("the query result is larger than "
                                + MAX_RESULT_BYTES / (1024 * 1024) + " MiB; select fewer rows or columns");
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    /** Type checked by {@link #values}. */
    private static void bind(PreparedStatement s, int index, Object value) throws SQLException {
        switch (value) {
            case null -> s.setNull(index, Types.NULL);
            case String text -> s.setString(index, text);
            case Boolean flag -> s.setLong(index, flag ? 1 : 0);
            case Long number -> s.setLong(index, number);
            case Integer number -> s.setLong(index, number);
            case Short number -> s.setLong(index, number);
            case Byte number -> s.setLong(index, number);
            case BigInteger number when number.bitLength() < Long.SIZE -> s.setLong(index, number.longValue());
            case BigDecimal number -> s.setDouble(index, number.doubleValue());
            case Number number -> s.setDouble(index, number.doubleValue());
            case byte[] bytes -> s.setBytes(index, bytes);
            default -> throw new IllegalArgumentException("unexpected parameter type " + value.getClass());
        }
    }

    /** sqlite-jdbc hands out Integer for small INTEGER values; scripts see one integer type. */
    private static Object value(Object raw) {
        return switch (raw) {
            case Integer small -> small.longValue();
            case Float single -> single.doubleValue();
            case null, default -> raw;
        };
    }

    /** Roughly what a value holds in memory; only compared against a limit. */
    private static long sizeOf(Object value) {
        return switch (value) {
            case String text -> 2L * text.length();
            case byte[] bytes -> bytes.length;
            case null, default -> Long.BYTES;
        };
    }

    private Connection connection() throws SQLException {
        if (closed) throw new StoreException("store at " + file + " is closed");
        if (connection == null) connection = open();
        return connection;
    }

    private Connection open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(Database.BUSY_TIMEOUT_MILLIS);
        Connection c = config.createConnection("jdbc:sqlite:" + file);
        try {
            // the connection's open flags already refuse writes; query_only also refuses them on this
            // connection should a temp database come into play
            execute(c, "PRAGMA query_only = 1");
            SQLiteConnection sqlite = c.unwrap(SQLiteConnection.class);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_SQL_LENGTH, MAX_SQL_BYTES);
            ProgressHandler.setHandler(c, PROGRESS_INTERVAL, new Deadline());
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Non-zero from the callback makes SQLite stop the statement with SQLITE_INTERRUPT. */
    private final class Deadline extends ProgressHandler {
        @Override
        protected int progress() {
            return System.nanoTime() - deadline > 0 ? 1 : 0;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void endTransaction(Connection c) {
        try {
            execute(c, "ROLLBACK"); // nothing was written; this only ends the read snapshot
        } catch (SQLException e) {
            log.debug("Ending a log query's transaction on {} failed", file, e);
        }
    }

    private RuntimeException failure(String operation, String refusal, SQLException e) {
        if (!(e instanceof SQLiteException sqlite)) {
            return new StoreException(operation + " failed in store " + file + ": " + e.getMessage(), e);
        }
        // the primary result code: extended codes (SQLITE_ERROR_MISSING_COLLSEQ, …) refine one of these
        SQLiteErrorCode primary = SQLiteErrorCode.getErrorCode(sqlite.getResultCode().code & 0xff);
        return switch (primary) {
            case SQLITE_INTERRUPT -> Fault.LIMIT_EXCEEDED.exception("the query ran longer than " + describe(timeLimit));
            case SQLITE_TOOBIG -> Fault.LIMIT_EXCEEDED.exception(sqliteMessage(sqlite));
            // the guard should have refused it already; the read-only connection is the last fence
            case SQLITE_READONLY -> Fault.INVALID_ARGUMENT.exception(refusal);
            // syntax errors, unknown tables, columns or functions, runtime errors such as integer overflow
            case SQLITE_ERROR, SQLITE_RANGE, SQLITE_MISMATCH, SQLITE_AUTH -> Fault.INVALID_ARGUMENT.exception(sqliteMessage(sqlite));
            default -> new StoreException(operation + " failed in store " + file + ": " + e.getMessage(), e);
        };
    }

    /**
     * SQLite's own text: sqlite-jdbc wraps it as {@code [SQLITE_ERROR] SQL error or missing database (near
     * "x": syntax error)}, and scripts should see only the part in parentheses.
     */
    static String sqliteMessage(SQLiteException e) {
        String full = Objects.requireNonNullElse(e.getMessage(), "");
        SQLiteErrorCode code = e.getResultCode();
        String prefix = "[" + code.name() + "] " + code.message + " (";
        if (full.startsWith(prefix) && full.endsWith(")")) return full.substring(prefix.length(), full.length() - 1);
        return full;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Closes the query connection; later queries fail with a {@link StoreException}. */
    void close() {
        lock.lock();
        try {
            closed = true;
            if (connection != null) connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the log query connection of " + file + ": " + e.getMessage(), e);
        } finally {
            connection = null;
            lock.unlock();
        }
    }
}
