package io.vakt.core.write;

import java.util.List;

/**
 * Where every write is recorded (spec: "an audit log entry for every write: who, what, old and new value,
 * when"). Implemented by the store; {@link #record} may block briefly and is never called on an event loop.
 */
public interface AuditLog {
    void record(AuditEntry entry);

    /** The newest entries first. */
    List<AuditEntry> recent(int limit);
}
