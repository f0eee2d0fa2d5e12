package io.vakt.bench.wamp;

import io.vakt.wamp.message.WampMessage;

/** Short text for a reply that was not the one expected, for the failure summary of a run. */
final class Replies {
    private Replies() {}

    static String describe(WampMessage message) {
        return switch (message) {
            case WampMessage.Abort abort -> "ABORT " + abort.reason() + " " + abort.details();
            case WampMessage.Error error -> "ERROR " + error.error() + " " + error.payload().argsOrEmpty();
            default -> "unexpected " + message.getClass().getSimpleName();
        };
    }
}
