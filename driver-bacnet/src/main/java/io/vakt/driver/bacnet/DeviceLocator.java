package io.vakt.driver.bacnet;

import io.vakt.driver.bacnet.client.BacnetClient;
import io.vakt.driver.bacnet.client.BacnetFailure;
import io.vakt.driver.bacnet.codec.Services;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds where a device listens: its configured address, or the sender of its I-Am after a Who-Is limited to its
 * instance (clause 16.10), sent to the broadcast address and resent like a confirmed request.
 */
final class DeviceLocator {
    private final BacnetClient client;
    private final BacnetSettings settings;
    private final ScheduledExecutorService scheduler;
    private CompletableFuture<InetSocketAddress> search;
    private ScheduledFuture<?> timer;
    private int sent;

    DeviceLocator(BacnetClient client, BacnetSettings settings, ScheduledExecutorService scheduler) {
        this.client = client;
        this.settings = settings;
        this.scheduler = scheduler;
    }

    /** The device's address; a configured host name is resolved now, on each attempt. */
    synchronized CompletableFuture<InetSocketAddress> locate() {
        if (settings.address() != null) {
            InetSocketAddress resolved = new InetSocketAddress(settings.address().getHostString(), settings.address().getPort());
            if (resolved.isUnresolved()) {
                return CompletableFuture.failedFuture(BacnetFailure.timeout("cannot resolve " + settings.address().getHostString()));
            }
            return CompletableFuture.completedFuture(resolved);
        }
        if (search != null && !search.isDone()) return search;
        search = new CompletableFuture<>();
        sent = 0;
        sendWhoIs(search);
        return search;
    }

    private synchronized void sendWhoIs(CompletableFuture<InetSocketAddress> current) {
        if (current != search || current.isDone()) return;
        if (sent > settings.retries()) {
            current.completeExceptionally(BacnetFailure.timeout("no I-Am from device " + settings.device() + " after "
                    + sent + " Who-Is to " + settings.broadcast().getHostString() + ":" + settings.broadcast().getPort()));
            return;
        }
        sent++;
        InetSocketAddress target = new InetSocketAddress(settings.broadcast().getHostString(), settings.broadcast().getPort());
        client.unconfirmed(target, Services.WHO_IS, Services.whoIs(settings.device(), settings.device()), true);
        try {
            timer = scheduler.schedule(() -> sendWhoIs(current), settings.link().timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            current.completeExceptionally(BacnetFailure.closed());
        }
    }

    /** An I-Am arrived (from the receive thread). */
    void iAm(Services.IAm iAm, InetSocketAddress from) {
        CompletableFuture<InetSocketAddress> current;
        synchronized (this) {
            if (iAm.device().instance() != settings.device() || search == null) return;
            current = search;
            if (timer != null) timer.cancel(false);
        }
        current.complete(from);
    }

    synchronized void close() {
        if (timer != null) timer.cancel(false);
        if (search != null) search.completeExceptionally(BacnetFailure.closed());
    }
}
