package io.vakt.store;

import io.vakt.core.access.AccessLevel;

import java.time.Instant;

/**
 * A user as the store keeps it, without the password hash.
 *
 * @param username        the name as it was created (lookups ignore case)
 * @param created         when the user was created, to the millisecond
 * @param passwordChanged when the password was last set, to the millisecond
 * @param disabled        a disabled user cannot log in or refresh tokens
 */
public record UserRecord(String username, AccessLevel level, Instant created, Instant passwordChanged,
                         boolean disabled) {}
