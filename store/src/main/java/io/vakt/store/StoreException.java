package io.vakt.store;

/**
 * A store operation that could not be done: the database could not be opened or written, or a rule of
 * the store was broken (a user that already exists, an invalid name). The message names what failed.
 */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
