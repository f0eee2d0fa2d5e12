package io.vakt.store;

import io.vakt.core.write.AuditEntry;
import io.vakt.core.write.AuditLog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The audit log in the {@code audit_log} table. Times are stored as epoch milliseconds (UTC), so entries
 * read back carry their time truncated to the millisecond. "Newest first" means latest {@code time}, and
 * for equal times the one recorded last. Every method blocks: never call one on an event loop.
 */
public final class SqliteAuditLog implements AuditLog {
    private static final String COLUMNS =
            "time, username, client_address, node_path, element_path, technical_address, old_value, new_value, outcome";

    private final Database db;

    SqliteAuditLog(Database db) {
        this.db = db;
    }

    /**
     * Appends an entry. When this returns the entry is synced to disk (it survives a power cut, not only a
     * crash of the process). {@code time} and {@code outcome} are required; the other fields may be null.
     */
    @Override
    public void record(AuditEntry entry) {
        Objects.requireNonNull(entry, "entry");
        if (entry.time() == null) throw new IllegalArgumentException("audit entry needs a time");
        if (entry.outcome() == null) throw new IllegalArgumentException("audit entry needs an outcome");
        db.writeDurably("record audit entry for " + entry.technicalAddress(), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, entry.time().toEpochMilli());
                s.setString(2, entry.username());
                s.setString(3, entry.clientAddress());
                s.setString(4, entry.nodePath());
                s.setString(5, entry.elementPath());
                s.setString(6, entry.technicalAddress());
                s.setString(7, entry.oldValue());
                s.setString(8, entry.newValue());
                s.setString(9, entry.outcome());
                s.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        requireLimit(limit);
        return db.read("read recent audit entries", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM audit_log ORDER BY time DESC, id DESC LIMIT ?")) {
                s.setInt(1, limit);
                return entries(s);
            }
        });
    }

    /** The newest entries first for one technical address (a controller point). */
    public List<AuditEntry> forAddress(String technicalAddress, int limit) {
        Objects.requireNonNull(technicalAddress, "technicalAddress");
        requireLimit(limit);
        return db.read("read audit entries for " + technicalAddress, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM audit_log WHERE technical_address = ? ORDER BY time DESC, id DESC LIMIT ?")) {
                s.setString(1, technicalAddress);
                s.setInt(2, limit);
                return entries(s);
            }
        });
    }

    private static List<AuditEntry> entries(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            List<AuditEntry> entries = new ArrayList<>();
            while (rs.next()) {
                entries.add(new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9)));
            }
            return entries;
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
}
