package io.vakt.server.ssf;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.AccessPolicy;
import io.vakt.core.error.Fault;
import io.vakt.core.model.Area;
import io.vakt.scripting.state.StateOperations;
import io.vakt.wamp.local.LocalInvocation;
import io.vakt.wamp.local.LocalProcedure;
import io.vakt.wamp.message.Payload;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code state} service on the bus (spec §7.5): {@code state.get(path, key, file)} and
 * {@code state.set(path, data, key, file)}, positional as ArrigoLocal's template passes them or as kwargs as
 * its documentation shows (decision §15 item 7); the same storage SSF code reaches through
 * {@code callInfo.context.state}. The caller (§7.6 token order) needs {@code Guest} in the path's folder to
 * read and {@code Operator} to write.
 */
final class StateService {
    static final String SERVICE = "state";

    private final StateOperations state;
    private final SsfPaths paths;
    private final SsfCallers callers;
    private final AccessPolicy access;
    private final String account;

    StateService(StateOperations state, SsfPaths paths, SsfCallers callers, AccessPolicy access, String account) {
        this.state = state;
        this.paths = paths;
        this.callers = callers;
        this.access = access;
        this.account = account;
    }

    Map<String, LocalProcedure> procedures() {
        Map<String, LocalProcedure> procedures = new LinkedHashMap<>();
        procedures.put(SsfService.procedure(account, SERVICE, "get"), SsfService.wamp(call -> run(call, false)));
        procedures.put(SsfService.procedure(account, SERVICE, "set"), SsfService.wamp(call -> run(call, true)));
        return procedures;
    }

    private CompletionStage<Payload> run(LocalInvocation call, boolean write) {
        SsfArguments arguments = new SsfArguments(write ? "state.set" : "state.get", call.arguments());
        String path = paths.resolve(arguments.value(0, "path"));
        SsfCallers.Caller caller = callers.resolve(call, arguments.kwargs(), SERVICE);
        AccessLevel needed = write ? AccessLevel.Operator : AccessLevel.Guest;
        Area area = paths.areaOf(path).orElseThrow(() -> Fault.INVALID_PATH.exception());
        AccessLevel level = access.levelIn(caller.identity().principal(), area);
        if (!level.atLeast(AccessLevel.Guest)) throw Fault.INVALID_PATH.exception("the path names no view, list or area you can see");
        if (!level.atLeast(needed)) {
            throw Fault.NOT_AUTHORIZED.exception((write ? "writing" : "reading") + " state of " + path + " needs " + needed
                    + ", you have " + level);
        }
        List<Object> positional = arguments.positional();
        List<Object> rest = positional.size() > 1 ? positional.subList(1, positional.size()) : List.of();
        CompletionStage<Object> result = write ? state.set(path, rest, arguments.kwargs()) : state.get(path, rest, arguments.kwargs());
        return result.thenApply(value -> Payload.of(Arrays.asList(value)));
    }
}
