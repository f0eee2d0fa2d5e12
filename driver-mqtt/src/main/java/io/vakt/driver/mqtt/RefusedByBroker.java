package io.vakt.driver.mqtt;

/**
 * The broker answered but said no: a SUBACK, PUBACK or PUBREC with an error reason code (MQTT 5), or a SUBACK
 * failure (MQTT 3.1.1). The message is the broker's own reason, e.g. {@code PUBACK NOT_AUTHORIZED}.
 */
final class RefusedByBroker extends RuntimeException {
    RefusedByBroker(String reason) { super(reason, null, false, false); }
}
