package io.vakt.core.error;

/**
 * A fault from the catalogue, with a detail for this occurrence. Thrown where a request cannot be
 * served; protocol layers turn it into their own error shape through {@link Fault}. No stack trace is
 * captured: these are expected outcomes of bad input, not bugs.
 */
public final class VaktException extends RuntimeException {
    private final Fault fault;

    public VaktException(Fault fault, String detail) {
        super(detail == null ? fault.message() : detail, null, false, false);
        this.fault = fault;
    }

    public Fault fault() { return fault; }
}
