package io.vakt.driver.mqtt;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.reactivex.Scheduler;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link BrokerClient} over MQTT 5: refusals carry the reason code (and reason string) of the acknowledgement. */
final class Mqtt5BrokerClient implements BrokerClient {
    private final Mqtt5AsyncClient client;
    private final MqttSettings settings;
    private final MqttQos qos;
    private final IncomingFlow<Mqtt5Publish> incoming;

    Mqtt5BrokerClient(MqttClientBuilder base, MqttSettings settings, Messages messages, Scheduler application) {
        Mqtt5ClientBuilder builder = base.useMqttVersion5();
        if (settings.username() != null) {
            var auth = builder.simpleAuth().username(settings.username());
            if (settings.password() != null) auth = auth.password(settings.password().getBytes(StandardCharsets.UTF_8));
            builder = auth.applySimpleAuth();
        }
        this.client = builder.buildAsync();
        this.settings = settings;
        this.qos = MqttQos.fromCode(settings.qos());
        this.incoming = new IncomingFlow<>(() -> client.toRx().publishes(MqttGlobalPublishFilter.SUBSCRIBED),
                publish -> publish.getTopic().toString(), publish -> publish.getPayloadAsBytes(), messages, application);
        // open before the first connect, so no retained message of the first SUBACK can slip past
        incoming.listen();
    }

    @Override
    public void listen() { incoming.listen(); }

    @Override
    public void connect() {
        // clean start without session expiry: the driver subscribes what it needs after every connect, and a
        // broker keeping a session for a gone driver would queue messages no one will read
        client.connectWith()
                .cleanStart(true)
                .noSessionExpiry()
                .keepAlive((int) settings.keepAlive().toSeconds())
                .send();
    }

    @Override
    public CompletableFuture<Void> subscribe(String topic) {
        return client.subscribeWith().topicFilter(topic).qos(qos).send()
                .handle((subAck, failure) -> {
                    if (failure != null) throw refusal(failure);
                    checkGranted(subAck);
                    return null;
                });
    }

    private static void checkGranted(Mqtt5SubAck subAck) {
        for (Mqtt5SubAckReasonCode code : subAck.getReasonCodes()) {
            if (code.isError()) {
                throw new RefusedByBroker("SUBACK " + code + subAck.getReasonString().map(r -> " (" + r + ")").orElse(""));
            }
        }
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topic) {
        return client.unsubscribeWith().topicFilter(topic).send().thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(qos).retain(retain).send()
                .handle((result, failure) -> {
                    Throwable error = failure != null ? failure : result.getError().orElse(null);
                    if (error != null) throw refusal(error);
                    return null;
                });
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        // the flow ends after the DISCONNECT, so messages still on their way are taken rather than warned about
        return client.disconnect().whenComplete((ignored, failure) -> incoming.close());
    }

    /** The broker's reason code where it gave one; any other failure passes through. */
    private static RuntimeException refusal(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case Mqtt5PubAckException e -> new RefusedByBroker("PUBACK " + e.getMqttMessage().getReasonCode()
                    + e.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse(""));
            case Mqtt5PubRecException e -> new RefusedByBroker("PUBREC " + e.getMqttMessage().getReasonCode()
                    + e.getMqttMessage().getReasonString().map(r -> " (" + r + ")").orElse(""));
            case Mqtt5SubAckException e -> {
                try {
                    checkGranted(e.getMqttMessage());
                    yield new RefusedByBroker("SUBACK refused");
                } catch (RefusedByBroker refused) {
                    yield refused;
                }
            }
            case RuntimeException runtime -> runtime;
            default -> new CompletionException(cause);
        };
    }
}
