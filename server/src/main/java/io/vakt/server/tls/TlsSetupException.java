package io.vakt.server.tls;

/**
 * The TLS settings or files cannot be used, for the reason the message states in one line: which file, what is
 * wrong, what to do. An {@link IllegalStateException} so the CLI prints it like every other start-up problem of
 * this machine (one line, exit code 1, no stack trace).
 */
public final class TlsSetupException extends IllegalStateException {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
