package io.vakt.scripting;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One asynchronous service that ServerSideFunction code reaches through {@code callInfo.context}
 * ({@code state.get}, {@code legacy.write}, {@code call}, …). In JavaScript each use returns a Promise.
 *
 * <p>Values crossing the boundary are plain JSON-shaped Java values: {@link java.util.Map} with string keys,
 * {@link List}, {@link String}, {@link Number}, {@link Boolean} and null. An operation fails its stage with a
 * {@link io.vakt.core.error.VaktException} for an expected refusal; the Promise then rejects with an
 * {@code Error} whose {@code message} is the exception's message and whose {@code uri} is the fault's WAMP
 * URI, so an SSF that does not catch it fails its call with that URI. Any other exception rejects with
 * the exception's message only (no Java class names).
 *
 * <p>Operations run on the calling script's worker thread and must not block it for long: return a stage
 * that completes elsewhere for anything that waits on I/O.
 */
@FunctionalInterface
public interface HostOperation {
    /**
     * @param scope    the call this use belongs to
     * @param args     the arguments as the JavaScript side passed them (already JSON-shaped)
     * @param progress intermediate results (for {@code call} with a {@code progress} option); may be ignored
     */
    CompletionStage<Object> run(SsfScope scope, List<Object> args, Consumer<Object> progress);
}
