package io.vakt.scripting.legacy;

import io.vakt.core.access.AccessPolicy;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.live.LiveValues;
import io.vakt.core.model.Project;
import io.vakt.core.write.WriteService;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.SsfScope;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * {@code callInfo.context.legacy} (spec §8.3, §7.7) for the caller of the running call
 * ({@code scope.caller().principal()}). Argument forms accepted:
 * <ul>
 *   <li>{@code legacy.read([v1, v2, …])}, also {@code legacy.read(v1, v2, …)} and {@code legacy.read(v1)}: always
 *       answers an array of {@code {value, variable, type, timestamp}} in the order asked (see {@link LegacyValue}).</li>
 *   <li>{@code legacy.write({variable, value})}, also the original's {@code legacy.write([{variable, value}])} and
 *       {@code legacy.write(variable, value)}: answers one {@code {value, variable, type, timestamp}}.</li>
 * </ul>
 * {@code legacy.execute} (EXO Basic snippets, spec §15 item 10) is not an operation: the runtime's JavaScript side
 * rejects it before reaching the host.
 *
 * <p>Reads answer at once (no I/O waits); writes complete when the controller confirmed the value. Refusals are
 * {@link VaktException}s: {@code NOT_AUTHORIZED} (access), {@code INVALID_ARGUMENT} (arguments), or the write's fault.
 */
public final class LegacyOperations {
    private final LegacyBus bus;

    public LegacyOperations(LegacyBus bus) { this.bus = bus; }

    /**
     * The bus over the project's published addresses, with the system clock for write answers: what the server
     * assembles.
     */
    public LegacyOperations(Project project, AccessPolicy access, LiveValues hub, WriteService writes) {
        this(new LegacyBus(new PublishedAddresses(project), access, hub, writes, Clock.systemUTC()));
    }

    /** {@code "legacy.read"} and {@code "legacy.write"}, for the runtime's operation map. */
    public Map<String, HostOperation> operations() {
        return Map.of("legacy.read", this::read, "legacy.write", this::write);
    }

    /** {@code legacy.read}: completes at once with a list of {@link LegacyValue#toJson()} maps, or a refusal. */
    public CompletionStage<Object> read(SsfScope scope, List<Object> args, Consumer<Object> progress) {
        try {
            List<Object> answer = new ArrayList<>();
            for (LegacyValue value : bus.read(scope.caller().principal(), variables(args))) answer.add(value.toJson());
            return CompletableFuture.completedFuture(answer);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * {@code legacy.write}: completes with one {@link LegacyValue#toJson()} map once the controller confirmed the
     * value; the audit log names the writer as {@code ssf <registration path>}.
     */
    public CompletionStage<Object> write(SsfScope scope, List<Object> args, Consumer<Object> progress) {
        Map<?, ?> request;
        try {
            request = writeRequest(args);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (!(request.get("variable") instanceof String variable)) {
            return CompletableFuture.failedFuture(
                    Fault.INVALID_ARGUMENT.exception("legacy.write needs {variable, value} with a string variable"));
        }
        if (!request.containsKey("value")) {
            return CompletableFuture.failedFuture(Fault.INVALID_ARGUMENT.exception("legacy.write needs {variable, value}"));
        }
        // not thenApply: a dependent stage would wrap the refusal in a CompletionException
        CompletableFuture<Object> answer = new CompletableFuture<>();
        bus.write(scope.caller().principal(), "ssf " + scope.path(), variable, request.get("value"))
                .whenComplete((value, failure) -> {
                    if (failure != null) answer.completeExceptionally(failure);
                    else answer.complete(value.toJson());
                });
        return answer;
    }

    private static List<String> variables(List<Object> args) {
        List<?> given = args.size() == 1 && args.getFirst() instanceof List<?> list ? list : args;
        if (given.isEmpty() && args.isEmpty()) {
            throw Fault.INVALID_ARGUMENT.exception("legacy.read needs a list of variables, e.g. legacy.read([\"AHU1.GT11\"])");
        }
        List<String> variables = new ArrayList<>(given.size());
        for (Object item : given) {
            if (!(item instanceof String variable)) {
                throw Fault.INVALID_ARGUMENT.exception("legacy.read needs variables as strings (Controller.Point)");
            }
            variables.add(variable);
        }
        return variables;
    }

    private static Map<?, ?> writeRequest(List<Object> args) {
        if (args.size() == 1 && args.getFirst() instanceof Map<?, ?> map) return map;
        if (args.size() == 1 && args.getFirst() instanceof List<?> list) {
            if (list.size() == 1 && list.getFirst() instanceof Map<?, ?> map) return map;
            throw Fault.INVALID_ARGUMENT.exception("legacy.write writes one variable: [{variable, value}] holds exactly one object");
        }
        if (args.size() == 2 && args.getFirst() instanceof String variable) {
            Map<String, Object> map = new HashMap<>();
            map.put("variable", variable);
            map.put("value", args.get(1));
            return map;
        }
        throw Fault.INVALID_ARGUMENT.exception("legacy.write needs {variable, value}");
    }
}
