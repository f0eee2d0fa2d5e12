package io.vakt.store;

/**
 * A service key with the hash of its key, for a server's in-memory look-up table: a presented key is
 * hashed ({@link ServiceKeys#hash}) and compared with {@code keyHash}.
 */
public record StoredServiceKey(ServiceKeyRecord record, String keyHash) {}
