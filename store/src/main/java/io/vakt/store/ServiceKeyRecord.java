package io.vakt.store;

import io.vakt.core.access.AccessLevel;

import java.time.Instant;

/**
 * A service key as the store keeps it, without the key.
 *
 * @param service    the lower-case service name
 * @param level      the access level the service's sessions act with
 * @param created    when the service got its first key, to the millisecond
 * @param keyChanged when the current key was issued (creation or the last rotation)
 * @param enabled    a disabled key is refused until it is enabled again
 */
public record ServiceKeyRecord(String service, AccessLevel level, Instant created, Instant keyChanged,
                               boolean enabled) {}
