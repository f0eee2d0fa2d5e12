package io.vakt.core.write;

import java.time.Instant;

/**
 * One write attempt as the audit log keeps it: who, from where, what, the value before and the value
 * asked for, and how it ended.
 *
 * @param outcome {@code ok}, or the reason the client was given when the write was refused or failed
 */
public record AuditEntry(Instant time, String username, String clientAddress, String nodePath, String elementPath,
                         String technicalAddress, String oldValue, String newValue, String outcome) {
    public boolean succeeded() { return "ok".equals(outcome); }
}
