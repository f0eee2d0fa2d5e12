package io.vakt.core.driver;

import io.vakt.core.model.Point;
import io.vakt.core.model.TechnicalAddress;

/** A technical address resolved to its point and the driver that reaches it. */
public record ResolvedPoint(TechnicalAddress address, Point point, Driver driver) {
}
