package io.vakt.driver.bacnet;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.driver.bacnet.client.BacnetClient;
import io.vakt.driver.bacnet.client.BacnetFailure;
import io.vakt.driver.bacnet.codec.BacnetValue;
import io.vakt.driver.bacnet.codec.PropertyIds;
import io.vakt.driver.bacnet.codec.Services;
import io.vakt.driver.bacnet.codec.Services.PropertyReference;
import io.vakt.driver.bacnet.codec.Services.PropertyResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads points from one device: ReadPropertyMultiple in batches of {@code maxPerRequest} (present-value with
 * status-flags), falling back for good to single ReadProperty requests once the device rejects RPM. Batches
 * go one after the other, so a poll never floods a small controller. A timeout fails the whole read (the
 * device is gone); an error for one property becomes that point's sample status.
 */
final class PointReader {
    private static final Logger log = LoggerFactory.getLogger(PointReader.class);

    private final BacnetClient client;
    private final BacnetSettings settings;
    private final Clock clock;
    private final String controller;
    private final Map<String, Integer> statusFlags = new ConcurrentHashMap<>();
    private volatile boolean multipleRefused;

    PointReader(BacnetClient client, BacnetSettings settings, Clock clock, String controller) {
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.controller = controller;
    }

    /** Samples of {@code points}, in their order; fails only when the device does not answer. */
    CompletableFuture<Map<BacnetPoint, Sample>> read(InetSocketAddress peer, List<BacnetPoint> points) {
        Map<BacnetPoint, Sample> samples = new LinkedHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int from = 0; from < points.size(); from += settings.maxPerRequest()) {
            List<BacnetPoint> batch = points.subList(from, Math.min(points.size(), from + settings.maxPerRequest()));
            chain = chain.thenCompose(ignored -> readBatch(peer, batch)).thenAccept(samples::putAll);
        }
        return chain.thenApply(ignored -> samples);
    }

    private CompletableFuture<Map<BacnetPoint, Sample>> readBatch(InetSocketAddress peer, List<BacnetPoint> batch) {
        if (!settings.readMultiple() || multipleRefused || batch.size() == 1) return readSingly(peer, batch);
        List<PropertyReference> references = new ArrayList<>();
        for (BacnetPoint point : batch) {
            references.add(point.reference());
            if (point.covCapable()) references.add(new PropertyReference(point.object(), PropertyIds.STATUS_FLAGS));
        }
        return client.request(peer, Services.READ_PROPERTY_MULTIPLE, Services.readPropertyMultiple(references))
                .thenApply(ack -> samplesOf(batch, Services.decodeReadPropertyMultipleAck(ack)))
                .exceptionallyCompose(failure -> {
                    BacnetFailure bacnet = BacnetFailure.of(failure);
                    if (bacnet == null || bacnet.kind() == BacnetFailure.Kind.TIMEOUT || bacnet.kind() == BacnetFailure.Kind.CLOSED) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    if (bacnet.kind() != BacnetFailure.Kind.SEGMENTED) {
                        // a device without RPM says so once (Reject unrecognized-service, or an Error): stop asking
                        multipleRefused = true;
                        log.info("Controller {}: ReadPropertyMultiple refused ({}); reading properties one by one", controller, bacnet.getMessage());
                    }
                    return readSingly(peer, batch);
                });
    }

    private Map<BacnetPoint, Sample> samplesOf(List<BacnetPoint> batch, List<PropertyResult> results) {
        Map<BacnetPoint, Sample> samples = new LinkedHashMap<>();
        for (BacnetPoint point : batch) {
            PropertyReference wanted = point.reference();
            Sample sample = new Sample(null, SampleStatus.ERROR, clock.instant());
            for (PropertyResult result : results) {
                if (result.reference().equals(wanted)) {
                    sample = sampleOf(point, result);
                } else if (point.covCapable() && result.reference().object().equals(point.object())
                        && result.reference().property() == PropertyIds.STATUS_FLAGS && !result.failed()) {
                    observeStatusFlags(point, result.values());
                }
            }
            samples.put(point, sample);
        }
        return samples;
    }

    private CompletableFuture<Map<BacnetPoint, Sample>> readSingly(InetSocketAddress peer, List<BacnetPoint> batch) {
        Map<BacnetPoint, Sample> samples = new LinkedHashMap<>();
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (BacnetPoint point : batch) {
            chain = chain.thenCompose(ignored -> readOne(peer, point)).thenAccept(sample -> samples.put(point, sample));
        }
        return chain.thenApply(ignored -> samples);
    }

    /** One ReadProperty; fails only when the device does not answer. */
    CompletableFuture<Sample> readOne(InetSocketAddress peer, BacnetPoint point) {
        return client.request(peer, Services.READ_PROPERTY, Services.readProperty(point.reference()))
                .thenApply(ack -> sampleOf(point, Services.decodeReadPropertyAck(ack)))
                .exceptionallyCompose(failure -> {
                    BacnetFailure bacnet = BacnetFailure.of(failure);
                    if (bacnet == null || bacnet.kind() == BacnetFailure.Kind.TIMEOUT || bacnet.kind() == BacnetFailure.Kind.CLOSED) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    log.debug("Controller {}: reading {} failed: {}", controller, point.name(), bacnet.getMessage());
                    SampleStatus status = bacnet.error() != null && bacnet.error().isUnknownObjectOrProperty()
                            ? SampleStatus.NOT_EXIST : SampleStatus.ERROR;
                    return CompletableFuture.completedFuture(new Sample(null, status, clock.instant()));
                });
    }

    Sample sampleOf(BacnetPoint point, PropertyResult result) {
        if (result.failed()) {
            log.debug("Controller {}: {} answered BACnet error {}", controller, point.name(), result.error());
            return new Sample(null, result.error().isUnknownObjectOrProperty() ? SampleStatus.NOT_EXIST : SampleStatus.ERROR, clock.instant());
        }
        return point.sample(result.values(), clock.instant());
    }

    /**
     * Status flags (clause 12.x.8) are logged when they change and the value is kept: a point in alarm or
     * overridden still has a meaningful value, and the operator sees the flag change in the log.
     */
    void observeStatusFlags(BacnetPoint point, List<BacnetValue> values) {
        if (values.size() != 1 || !(values.get(0) instanceof BacnetValue.BitString bits)) return;
        int flags = (bits.get(0) ? 1 : 0) | (bits.get(1) ? 2 : 0) | (bits.get(2) ? 4 : 0) | (bits.get(3) ? 8 : 0);
        Integer before = statusFlags.put(point.key(), flags);
        if (before != null && before == flags || before == null && flags == 0) return;
        log.info("Controller {}: {} status flags now {}", controller, point.name(), describeFlags(flags));
    }

    static String describeFlags(int flags) {
        if (flags == 0) return "normal";
        List<String> names = new ArrayList<>();
        if ((flags & 1) != 0) names.add("in-alarm");
        if ((flags & 2) != 0) names.add("fault");
        if ((flags & 4) != 0) names.add("overridden");
        if ((flags & 8) != 0) names.add("out-of-service");
        return String.join(", ", names);
    }
}
