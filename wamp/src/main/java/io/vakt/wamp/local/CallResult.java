package io.vakt.wamp.local;

import io.vakt.wamp.message.Payload;

import java.util.Map;

/**
 * The final RESULT of a call made by a {@link LocalSession}.
 *
 * @param payload the result's args and kwargs
 * @param details the RESULT details
 */
public record CallResult(Payload payload, Map<String, Object> details) {}
