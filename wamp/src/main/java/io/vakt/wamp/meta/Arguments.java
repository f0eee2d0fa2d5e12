package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.UriRules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments of one meta procedure call, read with checks: a wrong count or type becomes ERROR
 * {@code wamp.error.invalid_argument} whose text names the procedure and the argument.
 *
 * <p>Optional named arguments ({@code match}, {@code reason}, {@code scope}, …) are read from the call's
 * kwargs, as the WAMP spec defines them, or else from a dict in the last positional place, as clients that
 * cannot send kwargs do.
 */
final class Arguments {
    private final String procedure;
    private final List<Object> args;
    private final Map<String, Object> kwargs;

    private Arguments(String procedure, List<Object> args, Map<String, Object> kwargs) {
        this.procedure = procedure;
        this.args = args;
        this.kwargs = kwargs;
    }

    /** The arguments of a call to {@code procedure}, which takes between {@code min} and {@code max} positional ones. */
    static Arguments of(String procedure, Payload payload, int min, int max) {
        if (payload.transparent() != null) throw invalid(procedure + " does not take a transparent payload");
        Arguments arguments = new Arguments(procedure, payload.argsOrEmpty(), payload.kwargsOrEmpty());
        int count = arguments.args.size();
        if (count < min || count > max) {
            String expected = min == max ? String.valueOf(min) : min + " to " + max;
            throw invalid(procedure + " takes " + expected + " positional argument" + (max == 1 ? "" : "s") + ", got " + count);
        }
        return arguments;
    }

    /** Whether positional argument {@code index} is given and not null. */
    boolean has(int index) { return index < args.size() && args.get(index) != null; }

    /** A required id (session, subscription, registration). */
    long id(int index, String name) {
        Object value = index < args.size() ? args.get(index) : null;
        Long id = switch (value) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger big when big.bitLength() < 64 -> big.longValue();
            case null, default -> null;
        };
        if (id == null) throw invalid(procedure + ": argument '" + name + "' must be an integer id");
        return id;
    }

    /** A required non-empty string. */
    String string(int index, String name) {
        Object value = index < args.size() ? args.get(index) : null;
        if (!(value instanceof String text) || text.isEmpty()) {
            throw invalid(procedure + ": argument '" + name + "' must be a non-empty string");
        }
        return text;
    }

    /**
     * A required URI, lower-cased as the session layer lower-cases every URI, valid under the loose rule for
     * {@code match} (a prefix may end in a dot, a wildcard pattern may have empty components).
     */
    String uri(int index, String name, MatchPolicy match) {
        Object value = index < args.size() ? args.get(index) : null;
        String uri = value instanceof String text ? text.toLowerCase(Locale.ROOT) : null;
        if (!UriRules.valid(uri, match)) throw invalid(procedure + ": argument '" + name + "' must be a valid URI");
        return uri;
    }

    /** An optional list of strings; null when absent or null. */
    List<String> strings(int index, String name) {
        if (!has(index)) return null;
        if (args.get(index) instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw invalid(procedure + ": argument '" + name + "' must be a list of strings");
    }

    /** A required list (the positional arguments of a testament); null is taken as absent. */
    List<Object> list(int index, String name) {
        if (!has(index)) return null;
        if (args.get(index) instanceof List<?> list) return Collections.unmodifiableList(new ArrayList<Object>(list));
        throw invalid(procedure + ": argument '" + name + "' must be a list");
    }

    /** A dict argument; null when absent or null. */
    Map<String, Object> dict(int index, String name) {
        if (!has(index)) return null;
        if (args.get(index) instanceof Map<?, ?> map) return stringKeyed(map, name);
        throw invalid(procedure + ": argument '" + name + "' must be a dict");
    }

    /**
     * A named option: the kwarg {@code name}, else the entry {@code name} of the dict in positional place
     * {@code dictIndex}; null when neither gives it.
     */
    Object option(String name, int dictIndex) {
        Object value = kwargs.get(name);
        if (value != null) return value;
        Map<String, Object> dict = dict(dictIndex, "options");
        return dict == null ? null : dict.get(name);
    }

    /** An optional string option (see {@link #option}). */
    String stringOption(String name, int dictIndex) {
        Object value = option(name, dictIndex);
        if (value == null || value instanceof String) return (String) value;
        throw invalid(procedure + ": option '" + name + "' must be a string");
    }

    /** An optional dict option (see {@link #option}). */
    Map<String, Object> dictOption(String name, int dictIndex) {
        Object value = option(name, dictIndex);
        if (value == null) return null;
        if (value instanceof Map<?, ?> map) return stringKeyed(map, name);
        throw invalid(procedure + ": option '" + name + "' must be a dict");
    }

    static WampException invalid(String text) { return new WampException(WampUris.INVALID_ARGUMENT, text); }

    private Map<String, Object> stringKeyed(Map<?, ?> map, String name) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) throw invalid(procedure + ": '" + name + "' must have string keys");
        }
        @SuppressWarnings("unchecked") Map<String, Object> typed = (Map<String, Object>) map;
        return typed;
    }
}
