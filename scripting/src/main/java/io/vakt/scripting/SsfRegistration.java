package io.vakt.scripting;

import java.time.Instant;
import java.util.List;

/**
 * A code block that evaluated and is serving.
 *
 * @param path        dotted owner path (see {@link SsfScope#path()})
 * @param encodedPath Base64 registration path
 * @param functions   the names the block exports (its {@code return { … }} members that are functions), in order
 * @param version     increases with every successful registration of the same path
 */
public record SsfRegistration(String path, String encodedPath, List<String> functions, SsfOrigin origin,
                              Instant registeredAt, long version) {
    public SsfRegistration {
        functions = List.copyOf(functions);
    }
}
