package io.vakt.store;

/**
 * A key just created or rotated: the only moment the key itself is known, to show it once.
 *
 * @param key the key in clear ({@code vsk_…}); it is not stored
 */
public record IssuedServiceKey(ServiceKeyRecord record, String key) {
    @Override
    public String toString() {
        // a record's default toString would put the key into any log line that prints the object
        return "IssuedServiceKey[record=" + record + ", key=(hidden)]";
    }
}
