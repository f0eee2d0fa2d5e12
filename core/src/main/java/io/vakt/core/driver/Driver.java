package io.vakt.core.driver;

import io.vakt.core.model.Point;

import java.util.concurrent.CompletionStage;

/**
 * The driver SPI: one instance talks to one controller. Points are advised on demand: the hub advises a
 * point when the first client watches it and unadvises it when the last one has gone (after a linger), so
 * a driver polls or subscribes only what someone is looking at.
 *
 * <p>Methods are called from any thread and must not block; I/O completes through the returned stages
 * and through the {@link SampleSink}.
 */
public interface Driver extends AutoCloseable {

    /** Starts delivering samples of {@code point} to the sink: the first one as soon as it is read. */
    void advise(Point point);

    /** Stops delivering samples of {@code point}. */
    void unadvise(Point point);

    /** Reads the point once, whether or not it is advised. */
    CompletionStage<Sample> read(Point point);

    /**
     * Writes a value already converted to the point's type ({@link Double}, {@link Long} or
     * {@link String}). Completes when the controller accepted it, or exceptionally with the reason it
     * refused (a {@link io.vakt.core.error.VaktException} with the protocol's message).
     */
    CompletionStage<Void> write(Point point, Object value);

    /**
     * The state of the link to the peer; empty for drivers without one (the simulator). Drivers on
     * {@link io.vakt.core.driver.support.PeerLink} answer {@code link.status()}.
     */
    default java.util.Optional<LinkStatus> status() { return java.util.Optional.empty(); }

    /** Releases connections and timers. */
    @Override
    void close();
}
