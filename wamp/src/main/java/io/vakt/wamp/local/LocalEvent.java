package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;

import java.util.Map;

/**
 * One EVENT received by a {@link LocalSession} subscription.
 *
 * @param topic   the topic it was published to: {@code details.topic} for pattern subscriptions, otherwise the
 *                subscribed topic (lower-cased, as the router matches it)
 * @param payload the publication's args and kwargs
 * @param details the EVENT details ({@code publisher}, {@code topic}, {@code retained}, …)
 */
public record LocalEvent(String topic, Payload payload, Map<String, Object> details) {}
