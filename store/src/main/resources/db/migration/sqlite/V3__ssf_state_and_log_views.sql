-- ServerSideFunction state (spec §8.4): whole "files" by virtual path, e.g. /Arrigo/state/Landskrona.json.
-- file compares exactly (BINARY collation, so case-sensitive): the layer above normalizes paths, the store
-- keeps them verbatim. A rowid table rather than WITHOUT ROWID, because content may run to megabytes and
-- WITHOUT ROWID tables suit small rows only.
CREATE TABLE ssf_state (
    file       TEXT    NOT NULL PRIMARY KEY CHECK (length(file) BETWEEN 1 AND 1024),
    content    TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The audit log as ServerSideFunctions read it through db.userlog.query (spec §8.3): readable column
-- names and the time as ISO-8601 UTC text with milliseconds, next to the epoch milliseconds for arithmetic
-- and range filters. SQLite rounds time / 1000.0 back to the exact millisecond, so %f shows it exactly.
-- The query guard (LogQueries) lets that SQL read only audit_log's pages, which this view maps onto.
CREATE VIEW userlog AS
SELECT id,
       strftime('%Y-%m-%dT%H:%M:%fZ', time / 1000.0, 'unixepoch') AS time,
       time                                                        AS time_ms,
       username                                                    AS user,
       client_address,
       node_path,
       element_path,
       technical_address,
       old_value,
       new_value,
       outcome
FROM audit_log;
