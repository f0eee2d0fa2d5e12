package io.vakt.driver.mqtt;

import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientConnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedListener;
import com.hivemq.client.mqtt.lifecycle.MqttClientReconnector;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import io.vakt.core.driver.support.Backoff;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.Reconnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the broker connection up: hears HiveMQ's connected and disconnected events, reports them to the
 * {@link PeerLink}, and after a loss or a failed attempt lets HiveMQ reconnect after a {@link Backoff} delay.
 *
 * <p>Why HiveMQ's reconnector and not core's {@code Reconnector}: a HiveMQ client that reaches DISCONNECTED
 * releases its Netty event loop, and the last client to release the shared group shuts its threads down, so a
 * driver that connected afresh after every loss would build a new event loop group per reconnect. Reconnecting
 * through the disconnected listener keeps the client (and its event loop) in DISCONNECTED_RECONNECT. The delay
 * is a timer on the driver's scheduler that opens a gate HiveMQ waits for ({@code reconnectWhen}), so
 * {@link #close()} can cancel a planned attempt by opening the gate with the link closed.
 */
final class BrokerLink implements MqttClientConnectedListener, MqttClientDisconnectedListener {
    private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);

    /** Where the connection is. */
    enum State { STARTING, UP, DOWN, CLOSED }

    /** What the driver does when the link changes; called outside the link's lock. */
    interface Events {
        void up();

        void down(String reason);
    }

    private final PeerLink peer;
    private final Backoff backoff;
    private final ScheduledExecutorService scheduler;
    private final Events events;
    private BrokerClient client;
    private State state = State.STARTING;
    private CompletableFuture<Void> gate;
    private ScheduledFuture<?> timer;

    BrokerLink(PeerLink peer, Backoff backoff, ScheduledExecutorService scheduler, Events events) {
        this.peer = peer;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.events = events;
    }

    /** Makes the first attempt with {@code client}, which was built with this link as its listener. */
    void start(BrokerClient client) {
        synchronized (this) {
            this.client = client;
        }
        client.connect();
    }

    synchronized State state() { return state; }

    synchronized boolean isUp() { return state == State.UP; }

    @Override
    public void onConnected(MqttClientConnectedContext context) {
        boolean closed;
        synchronized (this) {
            closed = state == State.CLOSED;
            if (!closed) state = State.UP;
        }
        if (closed) {
            // close() raced with a connect that was already on its way
            client.disconnect();
            return;
        }
        peer.connected();
        events.up();
    }

    @Override
    public void onDisconnected(MqttClientDisconnectedContext context) {
        MqttClientReconnector reconnector = context.getReconnector();
        String reason = reason(context.getCause());
        Duration delay;
        synchronized (this) {
            // a USER disconnect is close(); HiveMQ does not reconnect unless told to
            if (state == State.CLOSED || context.getSource() == MqttDisconnectSource.USER) return;
            state = State.DOWN;
            delay = backoff.delay(reconnector.getAttempts() + 1);
            CompletableFuture<Void> opened = new CompletableFuture<>();
            try {
                timer = scheduler.schedule(() -> opened.complete(null), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                state = State.CLOSED;
                return;
            }
            gate = opened;
            // the driver subscribes what it needs itself after every connect (clean session)
            reconnector.reconnect(true)
                    .resubscribeIfSessionExpired(false)
                    .resubscribeIfSessionPresent(false)
                    .reconnectWhen(opened, (ignored, failure) -> {
                        // runs on the client's event loop, where the reconnector may still be changed
                        if (state() == State.CLOSED) reconnector.reconnect(false);
                    });
        }
        peer.down(reason, delay);
        events.down(reason);
    }

    /** Stops reconnecting and disconnects; the client then releases its event loop. */
    void close() {
        CompletableFuture<Void> planned;
        BrokerClient current;
        synchronized (this) {
            if (state == State.CLOSED) return;
            state = State.CLOSED;
            planned = gate;
            current = client;
            if (timer != null) timer.cancel(false);
        }
        if (planned != null) planned.complete(null);
        if (current != null) {
            current.disconnect().whenComplete((ignored, failure) -> {
                if (failure != null) log.debug("{}: disconnect on close: {}", peer, failure.toString());
            });
        }
        peer.closed();
    }

    /** The broker's own words: the CONNACK or DISCONNECT reason code where there is one, else the cause's message. */
    static String reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            switch (cause) {
                case Mqtt5ConnAckException e -> {
                    return "broker refused the connection: CONNACK " + e.getMqttMessage().getReasonCode()
                            + e.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse("");
                }
                case Mqtt3ConnAckException e -> {
                    return "broker refused the connection: CONNACK " + e.getMqttMessage().getReturnCode();
                }
                case Mqtt5DisconnectException e -> {
                    return "broker disconnected: DISCONNECT " + e.getMqttMessage().getReasonCode()
                            + e.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse("");
                }
                default -> { }
            }
            if (cause.getCause() == cause) break;
        }
        return failure == null ? "disconnected" : Reconnector.reason(failure);
    }
}
