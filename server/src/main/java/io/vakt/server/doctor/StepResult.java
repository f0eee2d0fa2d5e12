package io.vakt.server.doctor;

import java.util.Objects;

/**
 * What one check found.
 *
 * @param name   the check, e.g. "TLS certificate"
 * @param status its outcome
 * @param detail what was seen, one line
 * @param cause  for a failure or warning, what is wrong in the operator's words; else null
 * @param fix    what to do about it (may span lines, e.g. an nginx block); else null
 * @param millis how long the check took
 */
public record StepResult(String name, Status status, String detail, String cause, String fix, long millis) {
    public StepResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
    }

    static StepResult ok(String name, String detail) { return new StepResult(name, Status.OK, detail, null, null, 0); }

    static StepResult notApplicable(String name, String detail) {
        return new StepResult(name, Status.NOT_APPLICABLE, detail, null, null, 0);
    }

    static StepResult skip(String name, String why) { return new StepResult(name, Status.SKIP, why, null, null, 0); }

    static StepResult warn(String name, String detail, String cause, String fix) {
        return new StepResult(name, Status.WARN, detail, cause, fix, 0);
    }

    static StepResult fail(String name, String detail, String cause, String fix) {
        return new StepResult(name, Status.FAIL, detail, cause, fix, 0);
    }

    StepResult withMillis(long value) { return new StepResult(name, status, detail, cause, fix, value); }
}
