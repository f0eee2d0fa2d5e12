package io.vakt.driver.mqtt;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;

import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import io.reactivex.Scheduler;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@link BrokerClient} over MQTT 3.1.1. The protocol has no reason codes on PUBACK: a broker that does not
 * allow a publish acknowledges it anyway (or closes the connection), so a refused write is only seen as a
 * read-back that never confirms.
 */
final class Mqtt3BrokerClient implements BrokerClient {
    private final Mqtt3AsyncClient client;
    private final MqttSettings settings;
    private final MqttQos qos;
    private final IncomingFlow<Mqtt3Publish> incoming;

    Mqtt3BrokerClient(MqttClientBuilder base, MqttSettings settings, Messages messages, Scheduler application) {
        Mqtt3ClientBuilder builder = base.useMqttVersion3();
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
        client.connectWith().cleanSession(true).keepAlive((int) settings.keepAlive().toSeconds()).send();
    }

    @Override
    public CompletableFuture<Void> subscribe(String topic) {
        return client.subscribeWith().topicFilter(topic).qos(qos).send()
                .handle((subAck, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof Mqtt3SubAckException e) checkGranted(e.getMqttMessage());
                        throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
                    }
                    checkGranted(subAck);
                    return null;
                });
    }

    private static void checkGranted(Mqtt3SubAck subAck) {
        for (Mqtt3SubAckReturnCode code : subAck.getReturnCodes()) {
            if (code.isError()) throw new RefusedByBroker("SUBACK " + code);
        }
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String topic) {
        return client.unsubscribeWith().topicFilter(topic).send();
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(qos).retain(retain).send()
                .thenApply(ignored -> null);
    }

    @Override
    public CompletableFuture<Void> disconnect() {
        // the flow ends after the DISCONNECT, so messages still on their way are taken rather than warned about
        return client.disconnect().whenComplete((ignored, failure) -> incoming.close());
    }
}
