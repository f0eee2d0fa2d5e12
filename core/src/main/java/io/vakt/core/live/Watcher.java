package io.vakt.core.live;

/**
 * Receives the new states of a watched variable. Called on the hub's threads, one call at a time per
 * variable and in order; implementations must be quick and must not block (serialize, hand off, return).
 */
@FunctionalInterface
public interface Watcher {
    void onValue(LiveValue value);
}
