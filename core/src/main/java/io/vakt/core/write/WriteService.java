package io.vakt.core.write;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.AccessPolicy;
import io.vakt.core.driver.PointResolver;
import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.live.LiveValue;
import io.vakt.core.live.LiveValues;
import io.vakt.core.model.AdvisedElement;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.PointValues;
import io.vakt.core.model.Project;
import io.vakt.core.path.ElementPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The write path shared by {@code setData}, {@code writeData} and (later) ServerSideFunctions: resolve the
 * element, check it is writable and the user's level in the list's folder reaches its {@code WriteAccess},
 * convert the string to the point's type, write through the driver, read the value back until it is
 * confirmed (spec §4.3), and record the attempt in the audit log before answering. The new value then
 * flows to subscribers like any other update.
 */
public final class WriteService {
    private static final Logger log = LoggerFactory.getLogger(WriteService.class);

    private final Project project;
    private final AccessPolicy access;
    private final PointResolver points;
    private final LiveValues hub;
    private final AuditLog audit;
    private final Executor blocking;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final WriteConfig config;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder refused = new LongAdder();

    public WriteService(Project project, AccessPolicy access, PointResolver points, LiveValues hub, AuditLog audit,
                        Executor blocking, ScheduledExecutorService scheduler, Clock clock, WriteConfig config) {
        this.project = project;
        this.access = access;
        this.points = points;
        this.hub = hub;
        this.audit = audit;
        this.blocking = blocking;
        this.scheduler = scheduler;
        this.clock = clock;
        this.config = config;
    }

    /** Writes confirmed by read-back. */
    public long acceptedCount() { return accepted.sum(); }

    /** Writes refused or not confirmed. */
    public long refusedCount() { return refused.sum(); }

    public CompletionStage<WriteResult> write(WriteRequest request) {
        Target target;
        try {
            target = locate(request);
        } catch (VaktException notFound) {
            return finish(request, null, notFound);
        }
        Object newValue;
        try {
            authorize(request, target);
            newValue = PointValues.parse(target.point().point(), request.value());
        } catch (VaktException refusedEarly) {
            return finish(request, target, refusedEarly);
        }
        ResolvedPoint point = target.point();
        return oldValue(point)
                .thenCompose(old -> bounded(() -> point.driver().write(point.point(), newValue), "write")
                        .thenCompose(ignored -> readBack(point, newValue, 1))
                        .handle((confirmed, failure) -> failure == null ? old : rethrow(failure, old)))
                .handle((old, failure) -> failure == null
                        ? finish(request, target, old, newValue)
                        : finish(request, target, reason(failure)))
                .thenCompose(stage -> stage);
    }

    /** The node, the element and its point; an unknown node or index is {@code Invalid path}. */
    private Target locate(WriteRequest request) {
        NodeRef node = project.node(request.nodePath()).orElseThrow(() -> Fault.INVALID_PATH.exception());
        // a folder the user cannot see does not exist for them: nothing below it may be confirmed either
        if (!access.canSee(request.principal(), node.area())) throw Fault.INVALID_PATH.exception();
        List<AdvisedElement> elements = node.file().advised();
        if (request.elementRoot() != null && !request.elementRoot().equals(node.file().contentRoot())) {
            throw Fault.INVALID_PATH.exception();
        }
        if (request.elementIndex() < 0 || request.elementIndex() >= elements.size()) throw Fault.INVALID_PATH.exception();
        AdvisedElement element = elements.get(request.elementIndex());
        ResolvedPoint point = points.resolve(element.binding().address())
                .orElseThrow(() -> Fault.NOT_BOUND.exception(element.binding().address() + " does not exist"));
        return new Target(node, element, new ElementPath(node.file().contentRoot(), request.elementIndex()), point);
    }

    /**
     * spec §4.3: writable entries only, by users at or above {@code WriteAccess} in the list's folder; a user who
     * may not even read the entry may not write it either, and a folder the user cannot see does not exist.
     */
    private void authorize(WriteRequest request, Target target) {
        AccessLevel level = access.levelIn(request.principal(), target.node().area());
        AdvisedElement element = target.element();
        if (!level.atLeast(AccessLevel.Guest)) throw Fault.INVALID_PATH.exception();
        if (!element.writable()) {
            throw Fault.NOT_WRITABLE.exception(element.binding().address() + " is not writable");
        }
        if (!level.atLeast(element.readAccess())) {
            throw Fault.READ_ACCESS_TOO_LOW.exception("reading " + element.binding().address() + " needs "
                    + element.readAccess() + ", you have " + level);
        }
        if (!level.atLeast(element.writeAccess())) {
            throw Fault.WRITE_ACCESS_TOO_LOW.exception("writing " + element.binding().address() + " needs "
                    + element.writeAccess() + ", you have " + level);
        }
    }

    private CompletionStage<Object> oldValue(ResolvedPoint point) {
        var cached = hub.cached(point.address()).filter(v -> v.type().carriesValue()).map(LiveValue::value);
        if (cached.isPresent()) return CompletableFuture.completedFuture(cached.get());
        return bounded(() -> point.driver().read(point.point()), "read")
                .handle((sample, failure) -> failure == null && sample.status() == SampleStatus.GOOD ? sample.value() : null);
    }

    private CompletionStage<Void> readBack(ResolvedPoint point, Object written, int attempt) {
        return bounded(() -> point.driver().read(point.point()), "read-back").thenCompose(sample -> {
            if (confirmed(sample, written)) {
                // the confirmed value is the point's newest state: watchers and the next read (a data query,
                // an SSF's legacy.read) see it now rather than at the driver's next poll
                hub.accept(point.address(), sample);
                return CompletableFuture.completedFuture(null);
            }
            if (attempt >= config.readBackAttempts()) {
                throw Fault.READ_BACK_MISMATCH.exception("wrote " + PointValues.format(written) + " to "
                        + point.address() + " but read back " + describe(sample) + " " + attempt + " times");
            }
            CompletableFuture<Void> next = new CompletableFuture<>();
            scheduler.schedule(() -> {
                try {
                    readBack(point, written, attempt + 1).whenComplete((ok, failure) -> {
                        if (failure != null) next.completeExceptionally(failure);
                        else next.complete(null);
                    });
                } catch (RuntimeException e) {
                    // thrown inside a scheduled task it would vanish and the write would never be answered
                    next.completeExceptionally(e);
                }
            }, config.readBackInterval().toMillis(), TimeUnit.MILLISECONDS);
            return next;
        });
    }

    private static boolean confirmed(Sample sample, Object written) {
        return sample.status() == SampleStatus.GOOD && PointValues.confirms(written, sample.value());
    }

    private static String describe(Sample sample) {
        return sample.status() == SampleStatus.GOOD ? PointValues.format(sample.value()) : sample.status().name();
    }

    /**
     * Calls the driver and bounds the wait. A driver that throws instead of failing its stage is answered like
     * one that failed it (else the write would escape unanswered and unaudited), and the timeout is set on a
     * copy so it never completes a future the driver may share with other callers.
     */
    private <T> CompletableFuture<T> bounded(Supplier<CompletionStage<T>> driverCall, String what) {
        CompletableFuture<T> stage;
        try {
            stage = driverCall.get().toCompletableFuture().copy();
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        return stage.orTimeout(config.driverTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    Throwable cause = unwrap(failure);
                    if (cause instanceof TimeoutException) {
                        throw Fault.WRITE_FAILED.exception("controller did not answer the " + what + " within "
                                + describe(config.driverTimeout()));
                    }
                    throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
                });
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static <T> T rethrow(Throwable failure, Object ignored) {
        Throwable cause = unwrap(failure);
        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    private static VaktException reason(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof VaktException vakt) return vakt;
        return Fault.WRITE_FAILED.exception("write failed: " + cause.getMessage());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) cause = cause.getCause();
        return cause;
    }

    private CompletionStage<WriteResult> finish(WriteRequest request, Target target, Object old, Object newValue) {
        accepted.increment();
        WriteResult result = new WriteResult.Written(target.point().address(), old, newValue);
        return recordThen(request, target, PointValues.format(old), PointValues.format(newValue), "ok", result);
    }

    private CompletionStage<WriteResult> finish(WriteRequest request, Target target, VaktException reason) {
        refused.increment();
        log.info("Write by {} refused: {} ({})", request.principal().username(), reason.getMessage(), reason.fault());
        String old = target == null ? "" : hub.cached(target.point().address())
                .map(v -> PointValues.format(v.value())).orElse("");
        return recordThen(request, target, old, request.value(), reason.getMessage(), new WriteResult.Refused(reason));
    }

    /** The answer waits for the audit record: an accepted write is never missing from the log. */
    private CompletionStage<WriteResult> recordThen(WriteRequest request, Target target, String old, String value,
                                                    String outcome, WriteResult result) {
        AuditEntry entry = new AuditEntry(clock.instant(), request.principal().username(), request.clientAddress(),
                request.nodePath(), target == null ? "" : target.path().toString(),
                target == null ? "" : target.point().address().toString(), old, value == null ? "" : value, outcome);
        return CompletableFuture.supplyAsync(() -> {
            try {
                audit.record(entry);
            } catch (RuntimeException e) {
                log.error("Audit log could not record {}: {}", entry, e.toString());
            }
            return result;
        }, blocking);
    }

    private record Target(NodeRef node, AdvisedElement element, ElementPath path, ResolvedPoint point) {}
}
