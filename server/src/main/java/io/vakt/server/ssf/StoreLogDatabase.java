package io.vakt.server.ssf;

import io.vakt.scripting.db.LogDatabase;
import io.vakt.store.LogQueries;

import java.util.List;
import java.util.Map;

/** {@code db.<table>.query} over the store's guarded, read-only log queries. */
record StoreLogDatabase(LogQueries queries) implements LogDatabase {
    @Override public List<String> tables() { return queries.tables(); }

    @Override
    public List<Map<String, Object>> query(String table, String sql, Map<String, Object> params, int maxRows) {
        return queries.query(table, sql, params, maxRows);
    }
}
