package io.vakt.scripting.engine;

import io.vakt.core.error.VaktException;
import io.vakt.scripting.ScriptFailure;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a failed host operation looks like to JavaScript: the {@code message} and {@code uri} of the
 * {@code Error} its Promise rejects with. A {@link VaktException} keeps its fault's WAMP URI, so an uncaught
 * refusal fails the call with that URI; any other exception gives its message only, never a class name.
 *
 * @param uri null for an error without a URI (the call then fails with {@code wamp.error.runtime_error})
 */
record Rejection(String message, String uri) {
    static Rejection of(Throwable error, String operation) {
        Throwable cause = unwrap(error);
        if (cause instanceof VaktException vakt) return new Rejection(vakt.getMessage(), vakt.fault().wampUri());
        if (cause instanceof ScriptFailure script) return new Rejection(script.getMessage(), script.uri());
        if (cause instanceof Error) return new Rejection(operation + " failed", null); // a server fault, not a refusal
        String message = cause.getMessage();
        return new Rejection(message == null || message.isBlank() ? operation + " failed" : message, null);
    }

    static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
