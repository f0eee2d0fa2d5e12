package io.vakt.server.ssf;

import io.vakt.core.error.Fault;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.ScriptFailure;
import io.vakt.scripting.SsfCaller;
import io.vakt.scripting.SsfScope;
import io.vakt.wamp.local.CallResult;
import io.vakt.wamp.local.LocalSession;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.Action;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.PermissionTable;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.UriRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * {@code callInfo.context.call(procedure, args, {kwargs, callmeta, progress})} (spec §8.3): calls any WAMP
 * procedure "as the caller". The call travels through the ssf service's own session, so it is checked here
 * against the router's permission table with the caller's identity, and the caller's token goes along as
 * {@code kwargs.callmeta.token} (spec §7.3) unless the code passes its own {@code callmeta}. The URI is
 * lower-cased as ArrigoLocal's call wrapper does (spec §7.2).
 */
final class ProcedureCallOperation implements HostOperation {
    private final LocalSession session;
    private final PermissionTable permissions;

    ProcedureCallOperation(LocalSession session, PermissionTable permissions) {
        this.session = session;
        this.permissions = permissions;
    }

    @Override
    public CompletionStage<Object> run(SsfScope scope, List<Object> args, Consumer<Object> progress) {
        try {
            return call(scope, args, progress);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    private CompletionStage<Object> call(SsfScope scope, List<Object> args, Consumer<Object> progress) {
        String procedure = procedure(args.isEmpty() ? null : args.get(0));
        Identity caller = identity(scope.caller());
        if (!permissions.permits(caller, Action.CALL, procedure)) {
            throw Fault.NOT_AUTHORIZED.exception(scope.caller().principal().username() + " may not call " + procedure);
        }
        List<Object> positional = args.size() > 1 ? positional(args.get(1)) : List.of();
        Map<String, Object> options = args.size() > 2 && args.get(2) instanceof Map<?, ?> map ? strings(map) : Map.of();
        Map<String, Object> kwargs = options.get("kwargs") instanceof Map<?, ?> given ? new LinkedHashMap<>(strings(given))
                : new LinkedHashMap<>();
        Object callmeta = options.get("callmeta");
        if (callmeta == null && scope.caller().token() != null) callmeta = Map.of("token", scope.caller().token());
        if (callmeta != null) kwargs.put("callmeta", callmeta);
        Consumer<Payload> forward = progress == null ? null : payload -> progress.accept(value(payload));
        return session.call(procedure, Payload.of(positional, kwargs), Map.of(), forward)
                .handle((CallResult result, Throwable failure) -> {
                    if (failure == null) return value(result.payload());
                    throw failed(procedure, failure);
                });
    }

    /**
     * What an AutobahnJS {@code session.call} resolves to, so code written for ArrigoLocal reads results the
     * same way: the single positional result as is, nothing as null, anything else as {@code {args, kwargs}}.
     */
    static Object value(Payload payload) {
        List<Object> args = payload.argsOrEmpty();
        Map<String, Object> kwargs = payload.kwargsOrEmpty();
        if (kwargs.isEmpty() && args.size() <= 1) return args.isEmpty() ? null : args.get(0);
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("args", args);
        both.put("kwargs", kwargs);
        return both;
    }

    private static String procedure(Object given) {
        if (!(given instanceof String text) || text.isBlank()) {
            throw Fault.INVALID_ARGUMENT.exception("call needs the procedure's URI as its first argument");
        }
        String uri = text.strip().toLowerCase(Locale.ROOT);
        if (!UriRules.valid(uri, MatchPolicy.EXACT)) throw Fault.INVALID_ARGUMENT.exception("\"" + text + "\" is not a valid URI");
        return uri;
    }

    private static List<Object> positional(Object given) {
        if (given == null) return List.of();
        if (given instanceof List<?> list) return new ArrayList<>(list);
        return List.of(given);
    }

    /** The identity the router's permission table checks: the caller's, as if it had called itself. */
    private static Identity identity(SsfCaller caller) {
        String role = caller.service() ? Identity.SERVICE_ROLE : Identity.USER_ROLE;
        return new Identity(caller.principal().username(), role, "ticket", "vakt", caller.principal(), caller.token(), null);
    }

    private static RuntimeException failed(String procedure, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof WampException wamp) {
            List<Object> args = wamp.payload().argsOrEmpty();
            String message = !args.isEmpty() && args.get(0) instanceof String text ? text : wamp.uri();
            return new ScriptFailure(wamp.uri(), procedure + ": " + message);
        }
        return new CompletionException(cause);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> strings(Map<?, ?> map) { return (Map<String, Object>) map; }
}
