package io.vakt.core.write;

import java.util.ArrayList;
import java.util.List;

/** An audit log in memory; {@link #entries()} is in recording order. */
final class InMemoryAuditLog implements AuditLog {
    private final List<AuditEntry> entries = new ArrayList<>();

    @Override
    public synchronized void record(AuditEntry entry) { entries.add(entry); }

    @Override
    public synchronized List<AuditEntry> recent(int limit) {
        return entries.reversed().stream().limit(limit).toList();
    }

    synchronized List<AuditEntry> entries() { return List.copyOf(entries); }

    synchronized AuditEntry only() {
        if (entries.size() != 1) throw new AssertionError("expected one audit entry, got " + entries);
        return entries.getFirst();
    }
}
