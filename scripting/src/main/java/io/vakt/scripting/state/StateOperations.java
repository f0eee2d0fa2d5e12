package io.vakt.scripting.state;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.SsfScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code state.get} and {@code state.set} (spec §8.3, §15 item 7) for ServerSideFunction code and for the bus
 * service {@code accounts.<account>.services.state.get/set} (spec §7.5). Store access runs on the
 * {@code blocking} executor, never on a script's worker thread.
 *
 * <p>Argument forms seen from a script ({@link #operations()}, scope = the code's registration path):
 * <ul>
 *   <li>{@code state.get({key?, file?})} or {@code state.get(key?, file?)}</li>
 *   <li>{@code state.set({data, key?, file?})} or {@code state.set(data, key?, file?)}</li>
 * </ul>
 * A single object argument is the object form; its unknown options are refused (a misspelt {@code {value: 5}}
 * must not silently store nothing), {@code callmeta} is allowed and ignored. To store an object as the whole file
 * positionally, pass it with a second argument: {@code state.set(obj, null)}.
 *
 * <p>Both answer with a stage that fails with a {@link VaktException}: {@code INVALID_ARGUMENT} for bad
 * arguments or paths (and {@code set} without {@code data}: "state.set needs data (null deletes)"),
 * {@code NOT_FOUND_STATE} for a missing file or key, {@code INTERNAL} when the store itself fails (details in
 * the server log only). {@code set} answers {@code {"ok": true}}.
 */
public final class StateOperations {
    private static final Logger log = LoggerFactory.getLogger(StateOperations.class);

    private final SsfState state;
    private final Executor blocking;

    public StateOperations(SsfState state, Executor blocking) {
        this.state = state;
        this.blocking = blocking;
    }

    /** {@code "state.get"} and {@code "state.set"}, for the runtime's operation map. */
    public Map<String, HostOperation> operations() {
        return Map.of("state.get", this::get, "state.set", this::set);
    }

    /** {@code state.get} of a script: {@code args} = {@code [{key?, file?}]} or {@code [key?, file?]}. */
    public CompletionStage<Object> get(SsfScope scope, List<Object> args, Consumer<Object> progress) {
        return async(() -> {
            StateArguments options = StateArguments.ofScript("state.get", args, false);
            return state.get(scope.path(), options.key(), options.file());
        });
    }

    /** {@code state.set} of a script: {@code args} = {@code [{data, key?, file?}]} or {@code [data, key?, file?]}. */
    public CompletionStage<Object> set(SsfScope scope, List<Object> args, Consumer<Object> progress) {
        return async(() -> set(scope.path(), StateArguments.ofScript("state.set", args, true)));
    }

    /**
     * The bus procedure {@code state.get}: the caller's positional {@code [path, key, file]} with the path split
     * off and decoded by the server, so {@code restArgs} = {@code [key?, file?]}; kwargs {@code {key?, file?}}
     * fill positional slots that are missing or null; any other kwarg ({@code callmeta}) is ignored.
     *
     * @param dottedPath the decoded registration path ({@code Landskrona.Ventilation.Overview.File}, {@code Landskrona})
     */
    public CompletionStage<Object> get(String dottedPath, List<Object> restArgs, Map<String, Object> kwargs) {
        return async(() -> {
            StateArguments options = StateArguments.ofBus(restArgs, kwargs, false);
            return state.get(dottedPath, options.key(), options.file());
        });
    }

    /**
     * The bus procedure {@code state.set}: positional {@code [path, data, key, file]} with the path split off, so
     * {@code restArgs} = {@code [data, key?, file?]}; kwargs {@code {data?, key?, file?}} fill positional slots that
     * are missing or null ({@code data} given in neither is refused; a positional null with no {@code data} kwarg
     * deletes); any other kwarg ({@code callmeta}) is ignored.
     */
    public CompletionStage<Object> set(String dottedPath, List<Object> restArgs, Map<String, Object> kwargs) {
        return async(() -> set(dottedPath, StateArguments.ofBus(restArgs, kwargs, true)));
    }

    private Object set(String path, StateArguments options) {
        if (!options.hasData()) throw Fault.INVALID_ARGUMENT.exception("state.set needs data (null deletes)");
        return state.set(path, options.data(), options.key(), options.file());
    }

    /**
     * Runs {@code work} on the blocking executor and fails the stage with the {@link VaktException} itself (not
     * wrapped), so the runtime sees the fault's URI directly.
     */
    private CompletionStage<Object> async(Supplier<Object> work) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        try {
            blocking.execute(() -> {
                try {
                    result.complete(work.get());
                } catch (VaktException refused) {
                    result.completeExceptionally(refused);
                } catch (RuntimeException storeFailure) {
                    // store details (SQL, file system) are for the operator, not for the script author
                    log.warn("State store failed", storeFailure);
                    result.completeExceptionally(Fault.INTERNAL.exception("the state store failed; see the server log"));
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            result.completeExceptionally(Fault.GOING_AWAY.exception("the server is shutting down"));
        }
        return result;
    }
}
