package io.vakt.scripting.db;

import java.util.List;
import java.util.Map;

/**
 * The store's log tables as {@code db.<table>.query} sees them (spec §8.3, §15 item 12): read-only,
 * parameterised SQL over one log table at a time. Implemented over the store; {@link #query} blocks.
 */
public interface LogDatabase {
    /** The tables that exist, lower-case, e.g. {@code userlog}. */
    List<String> tables();

    /**
     * Runs one read-only {@code SELECT} that may read only {@code table}. {@code params} fill {@code @name}
     * placeholders. Fails with {@code VaktException(INVALID_ARGUMENT)} for SQL that is not a single SELECT,
     * reads another table, names an unknown parameter or does not compile, and with
     * {@code VaktException(LIMIT_EXCEEDED)} when it runs longer than allowed.
     *
     * @return at most {@code maxRows} rows, each column name → value (Long, Double, String, byte[] or null)
     */
    List<Map<String, Object>> query(String table, String sql, Map<String, Object> params, int maxRows);
}
