package io.vakt.core.driver;

/** What a driver knows of a point when it reports a sample. */
public enum SampleStatus {
    /** The controller answered with a value. */
    GOOD,
    /** The point exists but cannot be reached now (controller offline, timeout). */
    UNREACHABLE,
    /** The controller says the point does not exist. */
    NOT_EXIST,
    /** Anything else went wrong. */
    ERROR
}
