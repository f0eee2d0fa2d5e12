package io.vakt.server.cli;

/** A command that cannot do what was asked, for a reason the message states in one line. Exit code 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message, null, false, false);
    }
}
