package io.vakt.server.ssf;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.scripting.ScriptFailure;
import io.vakt.scripting.SsfInvocation;
import io.vakt.scripting.SsfOrigin;
import io.vakt.scripting.SsfRegistration;
import io.vakt.scripting.SsfResult;
import io.vakt.scripting.SsfRuntime;
import io.vakt.wamp.local.LocalInvocation;
import io.vakt.wamp.local.LocalProcedure;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampException;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The {@code ssf} service on the bus (spec §7.5, §7.6): {@code ssf.info}, {@code ssf.register} and
 * {@code ssf.execute} under {@code accounts.<account>.services.ssf.}, in front of the {@link SsfRuntime}.
 * Refusals travel as WAMP ERROR with the URIs of the spec's §7.4 table and a message in {@code args[0]}.
 */
final class SsfService {
    static final String SERVICE = "ssf";

    private final SsfRuntime runtime;
    private final SsfPaths paths;
    private final SsfCallers callers;
    private final String account;
    private final String version;
    private final Clock clock;

    SsfService(SsfRuntime runtime, SsfPaths paths, SsfCallers callers, String account, String version, Clock clock) {
        this.runtime = runtime;
        this.paths = paths;
        this.callers = callers;
        this.account = account.toLowerCase(Locale.ROOT);
        this.version = version;
        this.clock = clock;
    }

    /** {@code accounts.<account>.services.<service>.<method>}, the account lower-cased (spec §7.2). */
    static String procedure(String account, String service, String method) {
        return "accounts." + account.toLowerCase(Locale.ROOT) + ".services." + service + "." + method;
    }

    /** The procedures by full URI. */
    Map<String, LocalProcedure> procedures() {
        Map<String, LocalProcedure> procedures = new LinkedHashMap<>();
        procedures.put(procedure(account, SERVICE, "info"), wamp(this::info));
        procedures.put(procedure(account, SERVICE, "register"), wamp(this::register));
        procedures.put(procedure(account, SERVICE, "execute"), wamp(this::execute));
        return procedures;
    }

    private CompletionStage<Payload> info(LocalInvocation call) {
        boolean admin = call.caller() == null || call.caller().level() == AccessLevel.Admin
                || Identity.SYSTEM_ROLE.equals(call.caller().authrole());
        List<Object> functions = new ArrayList<>();
        for (SsfRegistration registration : runtime.registrations()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", registration.encodedPath());
            entry.put("owner", registration.path());
            entry.put("functions", registration.functions());
            if (admin) {
                entry.put("source", registration.origin().describe());
                entry.put("version", registration.version());
                entry.put("registeredAt", registration.registeredAt().toString());
            }
            functions.add(entry);
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("service", SERVICE);
        info.put("account", account);
        info.put("version", version);
        info.put("procedures", List.of(procedure(account, SERVICE, "info"), procedure(account, SERVICE, "register"),
                procedure(account, SERVICE, "execute")));
        info.put("functions", functions);
        return CompletableFuture.completedFuture(Payload.of(List.of(info)));
    }

    /** spec §7.5: services only; the same path is silently replaced; bad code is refused and the old one kept. */
    private CompletionStage<Payload> register(LocalInvocation call) {
        Identity caller = call.caller();
        if (caller != null && Identity.USER_ROLE.equals(caller.authrole())) {
            throw Fault.NOT_AUTHORIZED.exception("only services may register ServerSideFunction code (sign in with a service key)");
        }
        SsfArguments arguments = new SsfArguments("ssf.register", call.arguments());
        String path = paths.resolve(arguments.value(0, "path"));
        String code = arguments.string(1, "code");
        String by = caller == null ? "the server" : caller.authid();
        return runtime.register(path, code, new SsfOrigin.Registered(by, clock.instant()))
                .thenApply(registration -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("path", registration.encodedPath());
                    result.put("owner", registration.path());
                    result.put("functions", registration.functions());
                    result.put("version", registration.version());
                    return Payload.of(List.of(result));
                });
    }

    /** spec §7.6: {@code [path, methodName]}, the function's kwargs flat or wrapped in {@code {kwargs, _token}}. */
    private CompletionStage<Payload> execute(LocalInvocation call) {
        SsfArguments arguments = new SsfArguments("ssf.execute", call.arguments());
        String path = paths.resolve(arguments.value(0, "path"));
        String method = arguments.string(1, "methodName");
        Map<String, Object> given = arguments.kwargs();
        SsfCallers.Caller caller = callers.resolve(call, given, SERVICE);
        SsfInvocation invocation = new SsfInvocation(path, method, functionKwargs(given), caller.ssf(), call.details(),
                progress -> call.progress().send(Payload.of(Arrays.asList(progress))));
        return runtime.execute(invocation).thenApply(SsfService::payload);
    }

    /**
     * The template's wrapped form hands the function {@code kwargs.kwargs}; the flat form hands it the kwargs
     * without the access-control envelope ({@code callmeta}, {@code _token}), which {@code callInfo.token} carries.
     */
    static Map<String, Object> functionKwargs(Map<String, Object> given) {
        if (given.get("kwargs") instanceof Map<?, ?> wrapped) {
            Map<String, Object> inner = new LinkedHashMap<>();
            wrapped.forEach((key, value) -> inner.put(String.valueOf(key), value));
            return inner;
        }
        Map<String, Object> flat = new LinkedHashMap<>(given);
        flat.remove("callmeta");
        flat.remove("_token");
        return flat;
    }

    private static Payload payload(SsfResult result) {
        return result.undefined() ? Payload.EMPTY : Payload.of(Arrays.asList(result.value()));
    }

    /** Runs a procedure and turns Vakt's refusals into WAMP ERRORs with the catalogue's URIs. */
    static LocalProcedure wamp(Function<LocalInvocation, CompletionStage<Payload>> body) {
        return invocation -> {
            CompletionStage<Payload> stage;
            try {
                stage = body.apply(invocation);
            } catch (RuntimeException refused) {
                return CompletableFuture.failedFuture(asWamp(refused));
            }
            return stage.handle((payload, failure) -> {
                if (failure == null) return payload;
                throw asWamp(failure);
            });
        };
    }

    static RuntimeException asWamp(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        return switch (cause) {
            case VaktException vakt -> new WampException(vakt.fault().wampUri(), Payload.of(List.of(vakt.getMessage())));
            case ScriptFailure script -> new WampException(script.uri(), Payload.of(List.of(script.getMessage())));
            case WampException wamp -> wamp;
            case RuntimeException other -> other;
            default -> new CompletionException(cause);
        };
    }
}
