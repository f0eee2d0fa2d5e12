package io.vakt.core.live;

import io.vakt.core.model.TechnicalAddress;

import java.time.Instant;
import java.util.Objects;

/**
 * The state of one variable at one moment: its value ({@link Double}, {@link Long}, {@link String}, or
 * null when there is none), the update type, and the time it was read or entered an error state.
 *
 * @param sequence increases with every new state of the variable, so consumers can drop states that
 *                 arrive out of order
 */
public record LiveValue(TechnicalAddress address, Object value, UpdateType type, Instant timestamp, long sequence) {
    public LiveValue {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    public static LiveValue pending(TechnicalAddress address, Instant now) {
        return new LiveValue(address, null, UpdateType.Pending, now, 0);
    }

    /** Same value and type: a repeat that need not be sent again. */
    public boolean sameStateAs(LiveValue other) {
        return other != null && type == other.type && Objects.equals(value, other.value);
    }
}
