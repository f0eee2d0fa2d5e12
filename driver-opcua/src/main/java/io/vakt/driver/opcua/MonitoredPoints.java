package io.vakt.driver.opcua;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleSink;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.model.Point;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DataChangeTrigger;
import org.eclipse.milo.opcua.stack.core.types.enumerated.DeadbandType;
import org.eclipse.milo.opcua.stack.core.types.structured.DataChangeFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * The driver's one subscription on one connection, with a monitored item per advised point (advise on
 * demand). Changes to the advised set are batched: a request while a synchronisation runs just marks it
 * dirty, and the running one goes round again. Milo's item management is blocking, so it runs on the
 * client's own executor (as Milo's {@code createAsync} does), never on the context's scheduler.
 */
final class MonitoredPoints {
    private static final Logger log = LoggerFactory.getLogger(MonitoredPoints.class);

    /** What the driver advises now, and whether a point is still advised when its value arrives. */
    interface Advised {
        List<Point> points();

        boolean isAdvised(Point point);
    }

    private final String controller;
    private final OpcUaClient client;
    private final OpcuaSettings settings;
    private final Map<Point, OpcuaPointOptions> options;
    private final SampleSink sink;
    private final Clock clock;
    private final Advised advised;
    private final Consumer<String> onLost;
    private final Executor executor;
    private final OpcUaSubscription subscription;
    /** Touched only by the one running synchronisation. */
    private final Map<Point, OpcUaMonitoredItem> items = new HashMap<>();
    /** Points the server refused to monitor (unknown node, bad filter): not retried until advised again. */
    private final Map<Point, StatusCode> refused = new HashMap<>();
    private boolean syncing;
    private boolean dirty;
    private volatile boolean closed;

    MonitoredPoints(String controller, OpcUaClient client, OpcuaSettings settings, Map<Point, OpcuaPointOptions> options,
                    SampleSink sink, Clock clock, Advised advised, Consumer<String> onLost) {
        this.controller = controller;
        this.client = client;
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        this.advised = advised;
        this.onLost = onLost;
        this.executor = client.getTransport().getConfig().getExecutor();
        this.subscription = new OpcUaSubscription(client, (double) settings.publishingInterval().toMillis());
        subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
            @Override
            public void onWatchdogTimerElapsed(OpcUaSubscription ignored) {
                onLost.accept("no publish response or keep-alive from the subscription");
            }
        });
    }

    CompletionStage<?> createSubscription() { return subscription.createAsync(); }

    /** Asks for the monitored items to follow the advised points. */
    void requestSync() {
        synchronized (this) {
            if (closed) return;
            if (syncing) {
                dirty = true;
                return;
            }
            syncing = true;
        }
        executor.execute(this::syncLoop);
    }

    private void syncLoop() {
        while (true) {
            try {
                syncOnce();
            } catch (RuntimeException e) {
                log.warn("controller {}: updating the monitored items failed: {}", controller, e.toString());
            }
            synchronized (this) {
                if (!dirty || closed) {
                    syncing = false;
                    return;
                }
                dirty = false;
            }
        }
    }

    private void syncOnce() {
        if (closed) return;
        List<Point> wanted = advised.points();
        Set<Point> wantedSet = new HashSet<>(wanted);
        refused.keySet().retainAll(wantedSet);
        List<OpcUaMonitoredItem> removed = new ArrayList<>();
        items.entrySet().removeIf(entry -> {
            if (wantedSet.contains(entry.getKey())) return false;
            removed.add(entry.getValue());
            return true;
        });
        Map<Point, OpcUaMonitoredItem> added = new HashMap<>();
        for (Point point : wanted) {
            if (items.containsKey(point) || refused.containsKey(point) || !options.containsKey(point)) continue;
            OpcUaMonitoredItem item = item(point, options.get(point));
            added.put(point, item);
            items.put(point, item);
        }
        if (removed.isEmpty() && added.isEmpty()) return;
        subscription.removeMonitoredItems(removed);
        subscription.addMonitoredItems(new ArrayList<>(added.values()));
        try {
            subscription.synchronizeMonitoredItems();
        } catch (MonitoredItemSynchronizationException partly) {
            // answered per item below
        }
        for (Map.Entry<Point, OpcUaMonitoredItem> entry : added.entrySet()) {
            entry.getValue().getCreateResult().ifPresentOrElse(status -> {
                if (!status.isGood()) refuse(entry.getKey(), entry.getValue(), status);
            }, () -> {
                // the service call itself failed: the link is going; the next connection starts afresh
                items.remove(entry.getKey());
                subscription.removeMonitoredItem(entry.getValue());
            });
        }
    }

    private void refuse(Point point, OpcUaMonitoredItem item, StatusCode status) {
        items.remove(point);
        subscription.removeMonitoredItem(item);
        refused.put(point, status);
        long code = status.getValue() & 0xFFFF0000L;
        boolean unknown = code == StatusCodes.Bad_NodeIdUnknown || code == StatusCodes.Bad_NodeIdInvalid;
        log.warn("controller {}: the server refused to monitor point {} ({}): {}", controller, point.address(),
                options.get(point).node().toParseableString(), StatusNames.describe(status));
        sink.accept(point, new Sample(null, unknown ? SampleStatus.NOT_EXIST : SampleStatus.ERROR, clock.instant()));
    }

    private OpcUaMonitoredItem item(Point point, OpcuaPointOptions option) {
        OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(option.node());
        item.setSamplingInterval((double) option.samplingInterval().toMillis());
        item.setQueueSize(uint(option.queueSize()));
        item.setDiscardOldest(true);
        option.deadband().ifPresent(deadband -> item.setFilter(new DataChangeFilter(DataChangeTrigger.StatusValue,
                uint(DeadbandType.Absolute.getValue()), deadband)));
        item.setDataValueListener((ignored, value) -> deliver(point, value));
        return item;
    }

    private void deliver(Point point, DataValue value) {
        // a notification in flight may arrive after the point was unadvised or the connection replaced
        if (closed || !advised.isAdvised(point)) return;
        sink.accept(point, ValueCodec.sample(point, value, clock.instant()));
    }

    /** Stops delivering; the session's close deletes the subscription on the server. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        subscription.setSubscriptionListener(null);
    }

    @Override
    public String toString() { return "MonitoredPoints[" + controller + ", " + settings.peer() + "]"; }
}
