package io.vakt.driver.bacnet.codec;

/** Names of reject reasons (clause 18.8) and abort reasons (clause 18.9), as the standard spells them. */
public final class Reasons {
    private static final String[] REJECT = {"other", "buffer-overflow", "inconsistent-parameters",
            "invalid-parameter-data-type", "invalid-tag", "missing-required-parameter", "parameter-out-of-range",
            "too-many-arguments", "undefined-enumeration", "unrecognized-service"};
    private static final String[] ABORT = {"other", "buffer-overflow", "invalid-apdu-in-this-state",
            "preempted-by-higher-priority-task", "segmentation-not-supported", "security-error", "insufficient-security",
            "window-size-out-of-range", "application-exceeded-reply-time", "out-of-resources", "tsm-timeout", "apdu-too-long"};
    public static final int ABORT_SEGMENTATION_NOT_SUPPORTED = 4;
    public static final int REJECT_UNRECOGNIZED_SERVICE = 9;

    private Reasons() {}

    public static String reject(int reason) { return reason >= 0 && reason < REJECT.length ? REJECT[reason] : String.valueOf(reason); }

    public static String abort(int reason) { return reason >= 0 && reason < ABORT.length ? ABORT[reason] : String.valueOf(reason); }
}
