package io.vakt.driver.modbus;

import com.digitalpetri.modbus.TimeoutScheduler;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.Reconnector;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The one TCP connection of a Modbus controller (a device, or a gateway with several unit ids behind it),
 * kept up by a {@link Reconnector}, with at most one request in flight: many devices and serial gateways
 * answer only one transaction at a time, and a queue keeps a poll cycle from flooding them.
 *
 * <p>The library's transport runs on its shared Netty event loop (created once per JVM, never per
 * reconnect); its callbacks and request timeouts run on the assembly's scheduler. The transport is built
 * not to reconnect on its own ({@code connectPersistent=false}) so that the {@link Reconnector} alone decides
 * when to try again, with the controller's back-off.
 */
final class ModbusLink implements AutoCloseable {
    /** Requests waiting behind the one in flight before new ones are refused (a frozen peer, a slow gateway). */
    static final int MAX_QUEUED = 64;
    /** Timeouts in a row, with no answer in between, after which the connection counts as dead. */
    static final int TIMEOUTS_TO_DROP = 2;

    /** What the owner hears about the connection. */
    interface Listener {
        void connected();

        void lost(String reason);
    }

    private enum State { OPEN, CLOSED }

    private final ModbusSettings settings;
    private final PeerLink peerLink;
    private final NettyTcpClientTransport transport;
    private final ModbusTcpClient client;
    private final Reconnector reconnector;
    private final Listener listener;
    private State state = State.OPEN;
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    private int queued;
    private int timeoutsInRow;

    ModbusLink(String controller, ModbusSettings settings, ScheduledExecutorService scheduler, Clock clock, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.peerLink = new PeerLink(controller, ModbusDriverFactory.NAME, settings.peer(), clock);
        this.transport = NettyTcpClientTransport.create(config -> config
                .setHostname(settings.host())
                .setPort(settings.port())
                .setConnectTimeout(settings.link().timeout())
                .setConnectPersistent(false)
                .setReconnectLazy(false)
                .setExecutor(new CallbackExecutor(scheduler)));
        this.client = ModbusTcpClient.create(transport, config -> config
                .setRequestTimeout(settings.link().timeout())
                .setTimeoutScheduler(TimeoutScheduler.create(new CallbackExecutor(scheduler), scheduler)));
        this.transport.addConnectionListener(new NettyTcpClientTransport.ConnectionListener() {
            @Override
            public void onConnection() { }

            @Override
            public void onConnectionLost() { dropped("connection closed"); }
        });
        this.reconnector = new Reconnector(scheduler, settings.link().backoff(), peerLink, this::attempt, listener::connected);
    }

    void start() { reconnector.start(); }

    boolean isUp() { return reconnector.isUp(); }

    PeerLink peerLink() { return peerLink; }

    /**
     * Runs {@code request} once every request before it has finished, if the link is up by then; otherwise
     * the stage fails with {@link ModbusProblem.NotConnected}. A compound request (read-modify-write of a
     * register bit) holds the connection until its whole stage completes.
     */
    <T> CompletionStage<T> submit(Function<ModbusTcpClient, CompletionStage<T>> request) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            if (state == State.CLOSED || !reconnector.isUp()) {
                return CompletableFuture.failedFuture(new ModbusProblem.NotConnected(notConnected()));
            }
            if (queued >= MAX_QUEUED) {
                return CompletableFuture.failedFuture(new ModbusProblem.NotConnected(
                        "too many requests waiting (" + MAX_QUEUED + "): the device does not keep up"));
            }
            queued++;
            tail = tail.handle((ignored, failure) -> null).thenCompose(ignored -> run(request, result));
        }
        return result;
    }

    private <T> CompletionStage<Void> run(Function<ModbusTcpClient, CompletionStage<T>> request, CompletableFuture<T> result) {
        CompletionStage<T> stage;
        synchronized (this) {
            queued--;
            if (state == State.CLOSED || !reconnector.isUp()) {
                result.completeExceptionally(new ModbusProblem.NotConnected(notConnected()));
                return CompletableFuture.completedFuture(null);
            }
        }
        try {
            stage = request.apply(client);
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return CompletableFuture.completedFuture(null);
        }
        return stage.handle((value, failure) -> {
            observe(failure);
            if (failure == null) result.complete(value);
            else result.completeExceptionally(failure);
            return null;
        });
    }

    /** Counts timeouts in a row: a peer that stops answering while its socket stays open is as gone as a closed one. */
    private void observe(Throwable failure) {
        boolean drop;
        synchronized (this) {
            if (failure == null || ModbusProblem.of(failure) instanceof ModbusProblem.Refused) {
                timeoutsInRow = 0;
                return;
            }
            if (!(ModbusProblem.of(failure) instanceof ModbusProblem.TimedOut)) return;
            timeoutsInRow++;
            drop = timeoutsInRow >= TIMEOUTS_TO_DROP;
        }
        if (drop) dropped("no answer to " + TIMEOUTS_TO_DROP + " requests in a row");
    }

    private void dropped(String reason) {
        synchronized (this) {
            if (state == State.CLOSED || !reconnector.isUp()) return;
            timeoutsInRow = 0;
        }
        reconnector.lost(reason);
        listener.lost(reason);
        // release the socket now; the next attempt opens a fresh one
        client.disconnectAsync();
    }

    /** One connection attempt: release whatever is left of the last connection, then connect. */
    private CompletionStage<?> attempt() {
        return client.disconnectAsync().handle((ignored, failure) -> null).thenCompose(ignored -> client.connectAsync());
    }

    private String notConnected() {
        String problem = peerLink.lastProblem();
        return "not connected to " + settings.peer() + (problem.isEmpty() ? "" : " (" + problem + ")");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (state == State.CLOSED) return;
            state = State.CLOSED;
        }
        reconnector.close();
        client.disconnectAsync();
    }
}
