package io.vakt.wamp.router;

import io.vakt.wamp.message.Payload;

/**
 * Publishes a meta event ({@code wamp.session.on_join}, {@code wamp.registration.on_create}, …) from the
 * router itself, with no publishing session. The broker implements it; the dealer and the realm use it.
 */
@FunctionalInterface
public interface MetaPublisher {
    void publish(String topic, Payload payload);
}
