package io.vakt.scripting.state;

import io.vakt.core.error.Fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one {@code state.get} or {@code state.set}, taken from whichever argument form the caller used
 * (spec §14 item 2, §15 item 7: the docs pass an object, the vendor template passes positional values).
 *
 * @param hasData whether {@code data} was given at all (null included): {@code set} without it is refused
 */
record StateArguments(String key, String file, boolean hasData, Object data) {
    private static final Set<String> GET_OPTIONS = Set.of("key", "file", "callmeta");
    private static final Set<String> SET_OPTIONS = Set.of("data", "key", "file", "callmeta");

    /**
     * From a script: one object {@code {key?, file?}} / {@code {data, key?, file?}}, or positional
     * {@code (key?, file?)} / {@code (data, key?, file?)}. A single object argument is always the object form;
     * a script that wants to store an object as a whole file positionally passes more than one argument.
     */
    static StateArguments ofScript(String operation, List<Object> args, boolean set) {
        if (args.size() == 1 && args.getFirst() instanceof Map<?, ?> options) return ofObject(operation, options, set);
        int max = set ? 3 : 2;
        if (args.size() > max) {
            throw Fault.INVALID_ARGUMENT.exception(operation + " takes " + usage(set) + ", or at most " + max
                    + " positional arguments; got " + args.size());
        }
        return ofPositional(args, set);
    }

    /**
     * From the bus service, after the registration path: positional {@code [key, file]} / {@code [data, key, file]}
     * and kwargs {@code {key, file, data}}; a kwarg fills a positional slot that is missing or null, and other
     * kwargs ({@code callmeta}) are ignored.
     */
    static StateArguments ofBus(List<Object> rest, Map<String, Object> kwargs, boolean set) {
        List<Object> positional = rest == null ? List.of() : rest;
        Map<String, Object> named = kwargs == null ? Map.of() : kwargs;
        int offset = set ? 1 : 0;
        String key = string("key", first(at(positional, offset), named.get("key")));
        String file = string("file", first(at(positional, offset + 1), named.get("file")));
        if (!set) return new StateArguments(key, file, false, null);
        Object data = at(positional, 0);
        if (data != null) return new StateArguments(key, file, true, data);
        if (named.containsKey("data")) return new StateArguments(key, file, true, named.get("data"));
        return new StateArguments(key, file, !positional.isEmpty(), null);
    }

    private static StateArguments ofObject(String operation, Map<?, ?> options, boolean set) {
        Set<String> allowed = set ? SET_OPTIONS : GET_OPTIONS;
        List<String> unknown = new ArrayList<>();
        for (Object name : options.keySet()) {
            if (!allowed.contains(String.valueOf(name))) unknown.add(String.valueOf(name));
        }
        if (!unknown.isEmpty()) {
            // a misspelt option ({value: 5}) would otherwise store or read something the author did not mean
            throw Fault.INVALID_ARGUMENT.exception(operation + " takes " + usage(set) + "; unknown option "
                    + String.join(", ", unknown));
        }
        return new StateArguments(string("key", options.get("key")), string("file", options.get("file")),
                options.containsKey("data"), options.get("data"));
    }

    private static StateArguments ofPositional(List<Object> args, boolean set) {
        int offset = set ? 1 : 0;
        String key = string("key", at(args, offset));
        String file = string("file", at(args, offset + 1));
        return set ? new StateArguments(key, file, !args.isEmpty(), at(args, 0)) : new StateArguments(key, file, false, null);
    }

    private static String usage(boolean set) { return set ? "{data, key?, file?}" : "{key?, file?}"; }

    private static Object at(List<Object> list, int index) { return index < list.size() ? list.get(index) : null; }

    private static Object first(Object preferred, Object fallback) { return preferred != null ? preferred : fallback; }

    private static String string(String name, Object value) {
        if (value == null || value instanceof String) return (String) value;
        throw Fault.INVALID_ARGUMENT.exception(name + " must be a string");
    }
}
