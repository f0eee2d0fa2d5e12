package io.vakt.scripting;

import java.util.Objects;

/**
 * The scope one running call gives the host operations it uses: the registration path of its code (spec §8.2:
 * "scope for state, db and access") and its caller.
 *
 * @param path        the dotted owner path the code is registered under, as the project spells it
 *                    ({@code Landskrona.Ventilation.Overview.File}, or an area's {@code Landskrona})
 * @param encodedPath the Base64 registration path, as clients pass it to {@code ssf.execute} and as
 *                    {@code callInfo.path} shows it
 */
public record SsfScope(String path, String encodedPath, SsfCaller caller) {
    public SsfScope {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(encodedPath, "encodedPath");
        Objects.requireNonNull(caller, "caller");
    }
}
