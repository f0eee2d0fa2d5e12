package io.vakt.driver.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientTransportConfigBuilder;
import io.reactivex.Scheduler;
import io.reactivex.schedulers.Schedulers;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The broker connection as the driver uses it, the same for MQTT 5 and 3.1.1: one HiveMQ client per driver,
 * created once and reconnected by {@link BrokerLink}, so its Netty event loop (HiveMQ's shared, reference
 * counted group) is held from the first connect to {@link #disconnect()} and never re-created per reconnect.
 *
 * <p>Every operation is asynchronous. A refusal by the broker fails the stage with {@link RefusedByBroker};
 * a connection problem fails it with HiveMQ's exception.
 */
sealed interface BrokerClient permits Mqtt5BrokerClient, Mqtt3BrokerClient {

    /** Where messages of subscribed topics go; called in order, on the driver's scheduler. */
    @FunctionalInterface
    interface Messages {
        void received(String topic, byte[] payload);

        /** HiveMQ ended the incoming flow (at a session end, which may come after the new session's CONNACK). */
        default void flowEnded() { }
    }

    /** Opens a new flow of incoming messages if HiveMQ ended the last one (it does at every session end). */
    void listen();

    /** Starts connecting (clean session, keep-alive from the settings); {@link BrokerLink} hears how it went. */
    void connect();

    CompletableFuture<Void> subscribe(String topic);

    CompletableFuture<Void> unsubscribe(String topic);

    /** Completes when the broker acknowledged (QoS 1/2) or the message was sent (QoS 0). */
    CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain);

    /**
     * Sends DISCONNECT when connected and ends the flow of incoming messages: HiveMQ's global publish flow holds
     * a reference on the client's event loop until it is cancelled, so without this the last event loop thread
     * would outlive the driver.
     */
    CompletableFuture<Void> disconnect();

    /**
     * A client for {@code settings.version()}: application callbacks run on {@code callbacks} (the driver
     * context's scheduler), so HiveMQ starts no RxJava computation threads for us. Once that scheduler is shut
     * down (the server stopping) the few remaining callbacks run on the event loop instead of being lost.
     */
    static BrokerClient create(MqttSettings settings, BrokerLink link, Messages messages, Executor callbacks) {
        Scheduler application = Schedulers.from(task -> {
            try {
                callbacks.execute(task);
            } catch (RejectedExecutionException stopping) {
                task.run();
            }
        });
        long timeoutMillis = settings.link().timeout().toMillis();
        MqttClientTransportConfigBuilder transport = com.hivemq.client.mqtt.MqttClientTransportConfig.builder()
                .serverHost(settings.host())
                .serverPort(settings.port())
                // an unanswered TCP connect or CONNECT counts as a failed attempt after the common timeout
                .socketConnectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .mqttConnectTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
        if (settings.tls()) {
            var ssl = transport.sslConfig().handshakeTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
            if (settings.caFile() != null) ssl = ssl.trustManagerFactory(TrustedCertificates.load(settings.caFile()));
            transport = ssl.applySslConfig();
        }
        MqttClientBuilder builder = MqttClient.builder()
                .identifier(settings.clientId())
                .transportConfig(transport.build())
                .executorConfig().applicationScheduler(application).applyExecutorConfig()
                .addConnectedListener(link)
                .addDisconnectedListener(link);
        return switch (settings.version()) {
            case MQTT_5 -> new Mqtt5BrokerClient(builder, settings, messages, application);
            case MQTT_3_1_1 -> new Mqtt3BrokerClient(builder, settings, messages, application);
        };
    }
}
