package io.vakt.driver.bacnet;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.AdvisedPoints;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.Reconnector;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.driver.bacnet.client.BacnetClient;
import io.vakt.driver.bacnet.client.BacnetFailure;
import io.vakt.driver.bacnet.client.ClientConfig;
import io.vakt.driver.bacnet.codec.BacnetValue;
import io.vakt.driver.bacnet.codec.ObjectIdentifier;
import io.vakt.driver.bacnet.codec.PropertyIds;
import io.vakt.driver.bacnet.codec.Services;
import io.vakt.driver.bacnet.codec.Services.PropertyReference;
import io.vakt.driver.bacnet.codec.Services.PropertyResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One BACnet/IP device. The "connection" of a connectionless protocol is the device answering: an attempt
 * locates the device (address or Who-Is) and reads its object-name; any request that goes unanswered
 * ({@code timeout} × ({@code retries} + 1)) means the device is gone, its advised points turn unreachable and
 * the {@link Reconnector} tries again with back-off. When it answers again, COV is subscribed afresh and
 * every advised point read.
 *
 * <p>Advised present-value points are delivered by COV where the device grants it, the rest polled every
 * {@code pollInterval} with ReadPropertyMultiple. When nothing needs polling, the poll reads the device's
 * system-status so a silent device is still noticed.
 */
final class BacnetDriver implements Driver, BacnetClient.Listener {
    private static final Logger log = LoggerFactory.getLogger(BacnetDriver.class);

    private final DriverContext context;
    private final String controller;
    private final BacnetSettings settings;
    private final Map<String, BacnetPoint> points = new HashMap<>();
    private final AdvisedPoints advised = new AdvisedPoints();
    private final PeerLink link;
    private final BacnetClient client;
    private final DeviceLocator locator;
    private final PointReader reader;
    private final CovSubscriptions cov;
    private final Reconnector reconnector;
    private final AtomicBoolean polling = new AtomicBoolean();
    private volatile InetSocketAddress peer;
    private ScheduledFuture<?> pollTimer;
    private volatile boolean closed;

    BacnetDriver(DriverContext context) {
        this.context = context;
        this.controller = context.controller().name();
        this.settings = BacnetSettings.of(context.controller());
        for (Point point : context.controller().points()) {
            BacnetPoint bacnet = BacnetPoint.of(point, settings);
            points.put(bacnet.key(), bacnet);
        }
        this.link = new PeerLink(controller, BacnetDriverFactory.NAME, settings.peerDescription(), context.clock());
        try {
            this.client = new BacnetClient(new ClientConfig(controller, settings.localPort(), settings.link().timeout(),
                    settings.retries()), context.scheduler(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("Controller " + controller + ": cannot open UDP port " + settings.localPort(), e);
        }
        this.locator = new DeviceLocator(client, settings, context.scheduler());
        this.reader = new PointReader(client, settings, context.clock(), controller);
        // a process id of our own, so notifications meant for an earlier run or another client are told apart
        this.cov = new CovSubscriptions(client, settings, context.scheduler(), ThreadLocalRandom.current().nextLong(1, 1 << 22),
                controller, this::silent);
        this.reconnector = new Reconnector(context.scheduler(), settings.link().backoff(), link, this::attempt, this::connected);
    }

    void start() { reconnector.start(); }

    /** Local UDP port (tests). */
    int localPort() { return client.localPort(); }

    private CompletionStage<?> attempt() {
        CompletableFuture<Void> attempt = locator.locate().thenCompose(address -> {
            // any answer, an Error included, shows the device is there
            PropertyReference name = new PropertyReference(ObjectIdentifier.device(settings.device()), PropertyIds.OBJECT_NAME);
            return client.request(address, Services.READ_PROPERTY, Services.readProperty(name))
                    .handle((ack, failure) -> {
                        BacnetFailure bacnet = failure == null ? null : BacnetFailure.of(failure);
                        if (bacnet != null && (bacnet.kind() == BacnetFailure.Kind.TIMEOUT || bacnet.kind() == BacnetFailure.Kind.CLOSED)) {
                            throw bacnet;
                        }
                        if (bacnet != null) log.warn("Controller {}: device {} answers its object-name with {}", controller, settings.device(), bacnet.getMessage());
                        peer = address;
                        return null;
                    });
        });
        attempt.whenComplete((ignored, failure) -> {
            if (failure != null) advised.publishAll(context.sink(), Sample.unreachable(context.clock().instant()));
        });
        return attempt;
    }

    private void connected() {
        InetSocketAddress address = peer;
        List<BacnetPoint> watched = watched();
        for (BacnetPoint point : watched) {
            if (settings.cov() && point.covCapable()) cov.subscribe(address, point);
        }
        readAndPublish(watched);
        synchronized (this) {
            if (closed) return;
            if (pollTimer != null) pollTimer.cancel(false);
            try {
                long period = settings.pollInterval().toMillis();
                pollTimer = context.scheduler().scheduleAtFixedRate(this::poll, period, period, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // the assembly is stopping
            }
        }
    }

    /** One poll: the advised points COV does not deliver, or the device's system-status as a sign of life. */
    private void poll() {
        if (closed || !reconnector.isUp() || !polling.compareAndSet(false, true)) return;
        try {
            List<BacnetPoint> due = new ArrayList<>();
            for (BacnetPoint point : watched()) {
                if (!cov.delivers(point)) due.add(point);
            }
            CompletableFuture<?> done;
            if (due.isEmpty()) {
                PropertyReference status = new PropertyReference(ObjectIdentifier.device(settings.device()), PropertyIds.SYSTEM_STATUS);
                done = client.request(peer, Services.READ_PROPERTY, Services.readProperty(status))
                        .exceptionallyCompose(failure -> isSilence(failure) ? CompletableFuture.failedFuture(failure)
                                : CompletableFuture.completedFuture(null));
            } else {
                done = readAndPublish(due);
            }
            done.whenComplete((ignored, failure) -> {
                polling.set(false);
                if (failure != null && isSilence(failure)) silent(failure);
            });
        } catch (RuntimeException e) {
            polling.set(false);
            // an exception would cancel the periodic task and stop polling for good
            log.warn("Controller {}: poll failed", controller, e);
        }
    }

    private CompletableFuture<?> readAndPublish(List<BacnetPoint> due) {
        if (due.isEmpty()) return CompletableFuture.completedFuture(null);
        CompletableFuture<Map<BacnetPoint, Sample>> read = reader.read(peer, due);
        read.whenComplete((samples, failure) -> {
            if (failure != null) {
                if (isSilence(failure)) silent(failure);
                return;
            }
            samples.forEach((point, sample) -> {
                if (advised.isAdvised(point.point())) context.sink().accept(point.point(), sample);
            });
        });
        return read;
    }

    /** The device stopped answering: everything watched is unreachable until the Reconnector brings it back. */
    private void silent(Throwable failure) {
        if (closed || !reconnector.isUp()) return;
        synchronized (this) {
            if (pollTimer != null) pollTimer.cancel(false);
        }
        cov.forgetAll();
        advised.publishAll(context.sink(), Sample.unreachable(context.clock().instant()));
        reconnector.lost(Reconnector.reason(failure));
    }

    private static boolean isSilence(Throwable failure) {
        BacnetFailure bacnet = BacnetFailure.of(failure);
        return bacnet != null && bacnet.kind() == BacnetFailure.Kind.TIMEOUT;
    }

    private List<BacnetPoint> watched() {
        List<BacnetPoint> watched = new ArrayList<>();
        for (Point point : advised.snapshot()) {
            BacnetPoint bacnet = points.get(key(point));
            if (bacnet != null) watched.add(bacnet);
        }
        return watched;
    }

    @Override
    public void advise(Point point) {
        BacnetPoint bacnet = points.get(key(point));
        if (bacnet == null || !advised.advise(point)) return;
        if (!reconnector.isUp()) {
            if (link.state() == PeerLink.State.DOWN) context.sink().accept(point, Sample.unreachable(context.clock().instant()));
            return;
        }
        if (settings.cov() && bacnet.covCapable()) cov.subscribe(peer, bacnet);
        readAndPublish(List.of(bacnet));
    }

    @Override
    public void unadvise(Point point) {
        BacnetPoint bacnet = points.get(key(point));
        if (bacnet == null || !advised.unadvise(point)) return;
        cov.cancel(reconnector.isUp() ? peer : null, bacnet);
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        BacnetPoint bacnet = points.get(key(point));
        if (bacnet == null) return CompletableFuture.completedFuture(new Sample(null, SampleStatus.NOT_EXIST, context.clock().instant()));
        if (!reconnector.isUp()) return CompletableFuture.completedFuture(Sample.unreachable(context.clock().instant()));
        return reader.readOne(peer, bacnet).exceptionally(failure -> {
            if (isSilence(failure)) silent(failure);
            return Sample.unreachable(context.clock().instant());
        });
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        BacnetPoint bacnet = points.get(key(point));
        if (bacnet == null) return CompletableFuture.failedFuture(Fault.NOT_FOUND.exception(controller + " has no point " + point.address()));
        String name = controller + "." + point.address();
        if (!bacnet.point().writable()) return CompletableFuture.failedFuture(Fault.NOT_WRITABLE.exception(name + " is not writable"));
        BacnetValue encoded;
        try {
            encoded = encode(bacnet, value);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        if (!reconnector.isUp()) return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception(name + ": device " + settings.device() + " is not answering"));
        PropertyReference target = new PropertyReference(bacnet.object(), bacnet.property());
        // clause 15.9.1.1.5: a priority is sent only to commandable present-values; other properties ignore it
        int priority = bacnet.property() == PropertyIds.PRESENT_VALUE ? bacnet.priority() : 0;
        return client.request(peer, Services.WRITE_PROPERTY, Services.writeProperty(target, encoded, priority))
                .<Void>thenApply(ack -> null)
                .exceptionallyCompose(failure -> {
                    BacnetFailure refusal = BacnetFailure.of(failure);
                    if (refusal == null) return CompletableFuture.failedFuture(failure);
                    return CompletableFuture.failedFuture(switch (refusal.kind()) {
                        case TIMEOUT -> {
                            silent(failure);
                            yield Fault.UNREACHABLE.exception(name + ": " + refusal.getMessage());
                        }
                        case CLOSED -> Fault.UNREACHABLE.exception(name + ": driver stopped");
                        default -> Fault.WRITE_FAILED.exception(name + ": " + refusal.getMessage());
                    });
                });
    }

    /** A relinquish switch takes 1 (relinquish: write NULL at its priority); other points their value. */
    private static BacnetValue encode(BacnetPoint point, Object value) {
        if (!point.relinquish()) return point.encode(value);
        double number = io.vakt.core.driver.support.SampleValues.toNumber(value);
        if (number != 1) {
            throw Fault.INVALID_VALUE.exception(point.point().address() + " relinquishes with 1; to command the object write its value point");
        }
        return BacnetValue.Null.INSTANCE;
    }

    @Override
    public void covNotification(Services.CovNotification notification, InetSocketAddress from) {
        if (notification.processId() != cov.processId() || closed) return;
        for (BacnetPoint point : cov.pointsOf(notification.object())) {
            if (!advised.isAdvised(point.point())) continue;
            for (PropertyResult value : notification.values()) {
                if (value.reference().property() == PropertyIds.PRESENT_VALUE) {
                    context.sink().accept(point.point(), point.sample(value.values(), context.clock().instant()));
                } else if (value.reference().property() == PropertyIds.STATUS_FLAGS) {
                    reader.observeStatusFlags(point, value.values());
                }
            }
        }
    }

    @Override
    public void iAm(Services.IAm iAm, InetSocketAddress from) { locator.iAm(iAm, from); }

    private static String key(Point point) { return point.address().toLowerCase(Locale.ROOT); }

    @Override
    public java.util.Optional<io.vakt.core.driver.LinkStatus> status() { return java.util.Optional.of(link.status()); }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (pollTimer != null) pollTimer.cancel(false);
        }
        reconnector.close();
        locator.close();
        cov.close();
        client.close();
    }
}
