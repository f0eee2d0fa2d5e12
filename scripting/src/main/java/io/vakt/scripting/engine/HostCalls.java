package io.vakt.scripting.engine;

import io.vakt.scripting.HostOperation;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Runs the host operations behind {@code callInfo.context} for script code. An operation's stage may
 * complete on any thread; its completion (and each progress value) is posted to the call's event loop, which
 * resolves or rejects the JavaScript Promise on the worker thread. Arguments and results cross as JSON text.
 */
final class HostCalls {
    private static final Logger LOG = LoggerFactory.getLogger(HostCalls.class);

    private final Map<String, HostOperation> operations;

    HostCalls(Map<String, HostOperation> operations) {
        this.operations = Map.copyOf(operations);
    }

    /**
     * @param onOk       JavaScript {@code (json) => …} resolving the Promise
     * @param onErr      JavaScript {@code (message, uri) => …} rejecting it
     * @param onProgress JavaScript {@code (json) => …} for progressive results, or null
     */
    void start(CallRun run, String name, String argsJson, Value onOk, Value onErr, Value onProgress) {
        run.pendingUp();
        HostOperation operation = operations.get(name);
        if (operation == null || run.scope() == null) {
            reject(run, onErr, new Rejection(name + " is not available on this server", null));
            return;
        }
        List<Object> args;
        try {
            args = Json.readList(argsJson);
        } catch (JacksonException e) {
            reject(run, onErr, new Rejection(name + ": the arguments cannot be sent as JSON", null));
            return;
        }
        Consumer<Object> progress = onProgress == null ? ignored -> { } : value -> forwardProgress(run, name, onProgress, value);
        CompletionStage<Object> stage;
        try {
            stage = operation.run(run.scope(), args, progress);
        } catch (RuntimeException | LinkageError e) {
            stage = CompletableFuture.failedFuture(e);
        }
        if (stage == null) stage = CompletableFuture.completedFuture(null);
        stage.whenComplete((value, error) -> run.post(() -> finish(run, name, value, error, onOk, onErr)));
    }

    private void finish(CallRun run, String name, Object value, Throwable error, Value onOk, Value onErr) {
        run.pendingDown();
        if (error != null) {
            LOG.debug("[ssf {}] {} failed", run.block().path(), name, error);
            Rejection rejection = Rejection.of(error, name);
            onErr.executeVoid(rejection.message(), rejection.uri());
            return;
        }
        String json;
        try {
            json = Json.write(value);
        } catch (JacksonException e) {
            LOG.warn("[ssf {}] the result of {} is not JSON-shaped", run.block().path(), name, e);
            onErr.executeVoid(name + ": the result cannot be sent to JavaScript", null);
            return;
        }
        onOk.executeVoid(json);
    }

    private static void reject(CallRun run, Value onErr, Rejection rejection) {
        run.post(() -> {
            run.pendingDown();
            onErr.executeVoid(rejection.message(), rejection.uri());
        });
    }

    private static void forwardProgress(CallRun run, String name, Value onProgress, Object value) {
        String json;
        try {
            json = Json.write(value);
        } catch (JacksonException e) {
            LOG.debug("[ssf {}] a progress value of {} is not JSON-shaped; dropped", run.block().path(), name, e);
            return;
        }
        run.post(() -> onProgress.executeVoid(json));
    }
}
