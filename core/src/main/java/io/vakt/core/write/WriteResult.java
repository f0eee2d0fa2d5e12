package io.vakt.core.write;

import io.vakt.core.error.VaktException;
import io.vakt.core.model.TechnicalAddress;

/** How a write ended. */
public sealed interface WriteResult {
    /** The controller took the value and the read-back confirmed it. */
    record Written(TechnicalAddress address, Object oldValue, Object newValue) implements WriteResult {}

    /** Refused before reaching the controller, refused by it, or not confirmed by the read-back. */
    record Refused(VaktException reason) implements WriteResult {}

    default boolean ok() { return this instanceof Written; }
}
