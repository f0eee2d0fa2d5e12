package io.vakt.scripting.db;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.scripting.HostOperation;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * The host operation {@code db.query} behind {@code db.<table>.query(sql, params, options)} in ServerSideFunction
 * code (spec §8.3). It checks what the script passed, runs the query on the blocking executor (a query blocks
 * on SQLite and must not hold the script's worker) and completes with the rows as JSON-shaped values.
 *
 * <p>Arguments: {@code [table, sql, params, options]}. {@code table} is one of the log tables ArrigoLocal
 * knows ({@code analogs}, {@code digitals}, {@code alarms}, {@code userlog}), in any letter case; the ones
 * this version does not keep fail with a message saying so. {@code params} fill {@code @name} placeholders
 * and may be {@code null}, an object {@code {name: value}}, or an array of {@code {name: value}} or
 * {@code {key, value}} objects; a leading {@code @} on a name is ignored. {@code options.maxRows} lowers the
 * row cap.
 */
public final class DbOperations {
    /** The log tables of ArrigoLocal, whether or not this version keeps them. */
    static final List<String> KNOWN_TABLES = List.of("analogs", "digitals", "alarms", "userlog");

    private final LogDatabase logs;
    private final Executor blocking;
    private final int maxRows;

    /**
     * @param logs     the store's log tables
     * @param blocking where queries run; they block on SQLite
     * @param maxRows  the most rows one query returns, and the most {@code options.maxRows} may ask for
     */
    public DbOperations(LogDatabase logs, Executor blocking, int maxRows) {
        this.logs = Objects.requireNonNull(logs, "logs");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        if (maxRows < 1) throw new IllegalArgumentException("maxRows must be at least 1, was " + maxRows);
        this.maxRows = maxRows;
    }

    /** The {@code db.query} operation; completes with a List of rows, each a Map of column → value. */
    public HostOperation query() {
        return (scope, args, progress) -> {
            Request request;
            try {
                request = request(args);
            } catch (VaktException e) {
                return CompletableFuture.failedFuture(e);
            }
            return run(request);
        };
    }

    /** One checked use of {@code db.query}. */
    private record Request(String table, String sql, Map<String, Object> params, int maxRows) {}

    private Request request(List<Object> args) {
        String table = table(arg(args, 0));
        if (!(arg(args, 1) instanceof String sql) || sql.isBlank()) {
            throw invalid("db." + table + ".query needs the SQL as a non-empty string");
        }
        return new Request(table, sql, QueryParameters.of(arg(args, 2)), rowCap(arg(args, 3)));
    }

    private CompletionStage<Object> run(Request request) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        try {
            blocking.execute(() -> {
                try {
                    result.complete(rows(logs.query(request.table(), request.sql(), request.params(), request.maxRows())));
                } catch (Throwable e) {
                    result.completeExceptionally(e); // the stage carries the VaktException itself, not a wrapper
                    if (e instanceof Error error) throw error; // the Promise settles, and the executor still hears of it
                }
            });
        } catch (RuntimeException e) { // the executor refused: shutting down or saturated
            result.completeExceptionally(e);
        }
        return result;
    }

    private static Object arg(List<Object> args, int index) {
        return args != null && index < args.size() ? args.get(index) : null;
    }

    private String table(Object value) {
        if (!(value instanceof String name)) {
            throw invalid("db.query needs the table name as a string, one of " + String.join(", ", KNOWN_TABLES));
        }
        String table = name.toLowerCase(Locale.ROOT);
        if (!KNOWN_TABLES.contains(table)) {
            throw invalid("there is no log table '" + name + "'; known: " + String.join(", ", KNOWN_TABLES));
        }
        List<String> available = logs.tables();
        if (!available.contains(table)) {
            throw invalid("the " + table + " log does not exist in this version of Vakt; available: "
                    + String.join(", ", available));
        }
        return table;
    }

    private int rowCap(Object options) {
        if (options == null) return maxRows;
        if (!(options instanceof Map<?, ?> map)) throw invalid("db.query options must be an object");
        Object requested = map.get("maxRows");
        if (requested == null) return maxRows;
        if (!(requested instanceof Number number) || !isWhole(number)
                || number.doubleValue() < 1 || number.doubleValue() > maxRows) {
            throw invalid("maxRows must be a whole number between 1 and " + maxRows + ", was " + requested);
        }
        return number.intValue();
    }

    /** JavaScript numbers may arrive as Double even when whole (100.0). */
    private static boolean isWhole(Number number) {
        double d = number.doubleValue();
        return !Double.isNaN(d) && !Double.isInfinite(d) && d == Math.rint(d);
    }

    /** Rows as JSON-shaped values: blobs become Base64 text, everything else already is JSON-shaped. */
    private static List<Object> rows(List<Map<String, Object>> rows) {
        List<Object> out = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = LinkedHashMap.newLinkedHashMap(row.size());
            row.forEach((column, value) ->
                    copy.put(column, value instanceof byte[] bytes ? Base64.getEncoder().encodeToString(bytes) : value));
            out.add(copy);
        }
        return out;
    }

    private static VaktException invalid(String detail) {
        return Fault.INVALID_ARGUMENT.exception(detail);
    }
}
