package io.vakt.core.driver;

import io.vakt.core.model.TechnicalAddress;

import java.util.Optional;

/** Finds the point and driver behind a technical address; empty when no controller has it. */
@FunctionalInterface
public interface PointResolver {
    Optional<ResolvedPoint> resolve(TechnicalAddress address);
}
