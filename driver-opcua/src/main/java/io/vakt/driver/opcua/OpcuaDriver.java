package io.vakt.driver.opcua;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.AdvisedPoints;
import io.vakt.core.driver.support.Durations;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.Reconnector;
import io.vakt.core.error.Fault;
import io.vakt.core.model.Point;
import org.eclipse.milo.opcua.stack.core.Stack;

import io.vakt.core.driver.support.Durations;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Talks to one OPC UA server. Advised points become monitored items of one subscription; {@link #read} and
 * {@link #write} use the Read and Write services. The link follows the common pattern: a
 * {@link Reconnector} opens an {@link OpcuaConnection} (retrying with back-off, also when the very first
 * connect fails); when the session goes inactive the advised points turn unreachable at once, the
 * connection is released, and a fresh one is opened whose subscription re-creates every monitored item.
 */
final class OpcuaDriver implements Driver {
    /** Round trips of one attempt (discovery, channel, session, subscription), each allowed {@code timeout}. */
    private static final int ATTEMPT_STEPS = 4;

    private final DriverContext context;
    private final String controller;
    private final OpcuaSettings settings;
    private final Map<Point, OpcuaPointOptions> options;
    private final AdvisedPoints advised = new AdvisedPoints();
    private final PeerLink link;
    private final Reconnector reconnector;
    private CompletableFuture<ClientCertificate> certificate;
    private volatile OpcuaConnection connection;
    private volatile boolean closed;

    OpcuaDriver(DriverContext context) {
        this.context = context;
        this.controller = context.controller().name();
        this.settings = OpcuaSettings.of(context.controller());
        this.options = OpcuaPointOptions.compile(context.controller(), settings);
        this.link = new PeerLink(controller, OpcuaDriverFactory.NAME, settings.peer(), context.clock());
        this.reconnector = new Reconnector(context.scheduler(), settings.link().backoff(), link, this::attempt,
                this::connected);
    }

    void start() { reconnector.start(); }

    /** The link's state, for tests and diagnostics. */
    PeerLink link() { return link; }

    @Override
    public java.util.Optional<io.vakt.core.driver.LinkStatus> status() { return java.util.Optional.of(link.status()); }

    private CompletionStage<?> attempt() {
        OpcuaConnection next = new OpcuaConnection(controller, settings, options, context.sink(), context.clock(),
                this::lost);
        MonitoredPoints.Advised view = new MonitoredPoints.Advised() {
            @Override
            public List<Point> points() { return advised.snapshot(); }

            @Override
            public boolean isAdvised(Point point) { return advised.isAdvised(point); }
        };
        CompletableFuture<Void> opened = clientCertificate().thenCompose(certificate -> next.open(certificate, view))
                .toCompletableFuture();
        // one attempt at a time: a server that accepts the connection but never answers must not stall the loop
        Duration deadline = settings.link().timeout().multipliedBy(ATTEMPT_STEPS);
        ScheduledFuture<?> watchdog = context.scheduler().schedule(() -> {
            if (opened.completeExceptionally(new TimeoutException("no session within " + Durations.describe(deadline)))) {
                next.close();
            }
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        return opened.whenComplete((ok, failure) -> {
            watchdog.cancel(false);
            if (failure != null) {
                if (!closed) advised.publishAll(context.sink(), Sample.unreachable(context.clock().instant()));
                return;
            }
            synchronized (this) {
                if (closed) {
                    next.close();
                    return;
                }
                connection = next;
            }
        });
    }

    /** The application certificate, loaded or generated once, off the scheduler (key generation takes a while). */
    private synchronized CompletionStage<ClientCertificate> clientCertificate() {
        if (!settings.policy().secured()) return CompletableFuture.completedFuture(null);
        if (certificate == null || certificate.isCompletedExceptionally()) {
            certificate = CompletableFuture.supplyAsync(() -> {
                try {
                    return ClientCertificate.loadOrCreate(settings.pkiDir(), controller);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(new IllegalStateException(
                            "client certificate in " + settings.pkiDir() + ": " + e.getMessage(), e));
                }
            }, Stack.sharedExecutor());
        }
        return certificate;
    }

    private void connected() {
        OpcuaConnection current = connection;
        if (current == null || !current.isActive()) {
            // the session died between opening and the reconnector marking the link up
            reconnector.lost("session lost while setting up");
            return;
        }
        current.syncMonitoredItems();
    }

    private void lost(OpcuaConnection lostOne, String reason) {
        synchronized (this) {
            if (connection == lostOne) connection = null;
        }
        advised.publishAll(context.sink(), Sample.unreachable(context.clock().instant()));
        lostOne.close();
        reconnector.lost(reason);
    }

    @Override
    public void advise(Point point) {
        if (!options.containsKey(point)) {
            context.sink().accept(point, new Sample(null, SampleStatus.NOT_EXIST, context.clock().instant()));
            return;
        }
        if (!advised.advise(point)) return;
        OpcuaConnection current = connection;
        if (current != null && current.isActive()) {
            current.syncMonitoredItems();
        } else if (link.state() == PeerLink.State.DOWN) {
            context.sink().accept(point, Sample.unreachable(context.clock().instant()));
        }
    }

    @Override
    public void unadvise(Point point) {
        if (!advised.unadvise(point)) return;
        OpcuaConnection current = connection;
        if (current != null) current.syncMonitoredItems();
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        if (!options.containsKey(point)) {
            return CompletableFuture.completedFuture(new Sample(null, SampleStatus.NOT_EXIST, context.clock().instant()));
        }
        OpcuaConnection current = connection;
        if (current == null) return CompletableFuture.completedFuture(Sample.unreachable(context.clock().instant()));
        return current.read(point);
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        String what = controller + "." + point.address();
        if (!options.containsKey(point)) {
            return CompletableFuture.failedFuture(Fault.NOT_FOUND.exception("controller " + controller + " has no point " + point.address()));
        }
        if (!point.writable()) return CompletableFuture.failedFuture(Fault.NOT_WRITABLE.exception(what + " is not writable"));
        OpcuaConnection current = connection;
        if (current == null) {
            return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception(what + ": controller " + controller
                    + " is not connected (" + link.lastProblem() + ")"));
        }
        return current.write(point, value);
    }

    @Override
    public void close() {
        OpcuaConnection current;
        synchronized (this) {
            closed = true;
            current = connection;
            connection = null;
        }
        reconnector.close();
        if (current != null) current.close();
    }
}
