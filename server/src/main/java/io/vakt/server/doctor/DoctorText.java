package io.vakt.server.doctor;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns Java's network exceptions into short texts an operator understands. */
final class DoctorText {
    private DoctorText() {}

    /** The innermost meaningful cause of a wrapped failure. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while ((current instanceof ExecutionException || current instanceof CompletionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static boolean isTimeout(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                || cause instanceof java.util.concurrent.TimeoutException;
    }

    static String describe(Throwable error) {
        Throwable cause = unwrap(error);
        return switch (cause) {
            case HttpConnectTimeoutException e -> "no connection within the timeout";
            case HttpTimeoutException e -> "no answer within the timeout";
            case SocketTimeoutException e -> "no answer within the timeout";
            case ConnectException e -> "connection refused";
            case NoRouteToHostException e -> "no route to the host";
            case ClosedChannelException e -> "the connection was closed";
            default -> {
                String message = cause.getMessage();
                if (message == null || message.isBlank()) message = cause.getClass().getSimpleName();
                // the JDK often wraps the useful text one level down
                if (cause.getCause() != null && cause.getCause().getMessage() != null && !message.contains(cause.getCause().getMessage())) {
                    message += ": " + cause.getCause().getMessage();
                }
                yield message;
            }
        };
    }
}
