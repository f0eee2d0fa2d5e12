package io.vakt.driver.mqtt;

import io.reactivex.Flowable;
import io.reactivex.Scheduler;
import io.reactivex.disposables.Disposable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * HiveMQ's global flow of incoming messages, kept alive across sessions. HiveMQ ends every incoming flow with
 * {@code MqttSessionExpiredException} when a session ends, which with a clean session is every reconnect, so
 * {@link #listen()} starts a new flow on every connect, before the driver subscribes anything.
 *
 * <p>The flow is an Rx flow rather than the async API's {@code publishes(filter, callback)} because that one
 * cannot be cancelled, and an incoming flow holds a reference on the client's event loop: {@link #close()}
 * must end it or the last HiveMQ event loop thread outlives the driver.
 *
 * @param <P> HiveMQ's publish type of the protocol version
 */
final class IncomingFlow<P> {
    private static final Logger log = LoggerFactory.getLogger(IncomingFlow.class);

    private final Supplier<Flowable<P>> source;
    private final Function<P, String> topic;
    private final Function<P, byte[]> payload;
    private final BrokerClient.Messages messages;
    private final Scheduler callbacks;
    private Disposable current;
    /** Set on the event loop the moment HiveMQ ends the flow, ahead of the error travelling through observeOn. */
    private AtomicBoolean ended = new AtomicBoolean(true);
    private boolean closed;

    IncomingFlow(Supplier<Flowable<P>> source, Function<P, String> topic, Function<P, byte[]> payload,
                 BrokerClient.Messages messages, Scheduler callbacks) {
        this.source = source;
        this.topic = topic;
        this.payload = payload;
        this.messages = messages;
        this.callbacks = callbacks;
    }

    /** Makes sure a flow is open; called before the first connect and again on every connect. */
    synchronized void listen() {
        if (closed || !ended.get()) return;
        if (current != null) current.dispose();
        AtomicBoolean flowEnded = new AtomicBoolean();
        ended = flowEnded;
        current = source.get()
                .doOnTerminate(() -> flowEnded.set(true))
                // observeOn keeps the messages in order on the driver's scheduler
                .observeOn(callbacks, true)
                .subscribe(publish -> messages.received(topic.apply(publish), payload.apply(publish)),
                        failure -> {
                            log.debug("incoming message flow ended ({})", failure.toString());
                            messages.flowEnded();
                        });
    }

    synchronized void close() {
        closed = true;
        if (current != null) current.dispose();
    }
}
