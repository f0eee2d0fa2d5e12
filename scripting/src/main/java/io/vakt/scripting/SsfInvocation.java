package io.vakt.scripting;

import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One call of an exported function, {@code fn(kwargs, callInfo)} (spec §8.1, §8.2).
 *
 * @param path     dotted owner path of the registered code
 * @param method   the exported function's name
 * @param kwargs   the function's kwargs (JSON-shaped), after the §7.6 unwrapping of {@code {kwargs, _token}}
 * @param details  the WAMP call details shown as {@code callInfo.details} (without the progress function,
 *                 which the runtime adds)
 * @param progress where {@code callInfo.details.progress(value)} sends progressive results
 */
public record SsfInvocation(String path, String method, Map<String, Object> kwargs, SsfCaller caller,
                            Map<String, Object> details, Consumer<Object> progress) {
    public SsfInvocation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(caller, "caller");
        kwargs = kwargs == null ? Map.of() : kwargs;
        details = details == null ? Map.of() : details;
        progress = progress == null ? value -> { } : progress;
    }
}
