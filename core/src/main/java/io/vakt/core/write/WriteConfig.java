package io.vakt.core.write;

import java.time.Duration;

/**
 * Settings of the write path.
 *
 * @param readBackAttempts how often a written value is read back before the write counts as unconfirmed
 *                         (spec §4.3: up to 10)
 * @param readBackInterval pause between read-back attempts
 * @param driverTimeout    longest wait for a driver's write or read to complete
 */
public record WriteConfig(int readBackAttempts, Duration readBackInterval, Duration driverTimeout) {
    public static WriteConfig defaults() {
        return new WriteConfig(10, Duration.ofMillis(100), Duration.ofSeconds(10));
    }
}
