package io.vakt.driver.bacnet.client;

import io.vakt.driver.bacnet.codec.BacnetError;
import io.vakt.driver.bacnet.codec.Reasons;

/**
 * Why a confirmed request failed, in the protocol's words: the device's Error, Reject or Abort, no answer at
 * all, or an answer Vakt cannot take (segmented).
 */
public final class BacnetFailure extends RuntimeException {
    /** What kind of failure. Only {@link #TIMEOUT} means the device may be gone. */
    public enum Kind { ERROR, REJECT, ABORT, TIMEOUT, SEGMENTED, CLOSED }

    private final Kind kind;
    private final BacnetError error;
    private final int reason;

    private BacnetFailure(Kind kind, String message, BacnetError error, int reason) {
        super(message, null, false, false);
        this.kind = kind;
        this.error = error;
        this.reason = reason;
    }

    public static BacnetFailure error(BacnetError error) {
        return new BacnetFailure(Kind.ERROR, "BACnet error " + error, error, -1);
    }

    public static BacnetFailure reject(int reason) {
        return new BacnetFailure(Kind.REJECT, "BACnet reject " + Reasons.reject(reason), null, reason);
    }

    public static BacnetFailure abort(int reason) {
        return new BacnetFailure(Kind.ABORT, "BACnet abort " + Reasons.abort(reason), null, reason);
    }

    public static BacnetFailure timeout(String message) { return new BacnetFailure(Kind.TIMEOUT, message, null, -1); }

    public static BacnetFailure segmented() {
        return new BacnetFailure(Kind.SEGMENTED, "device sent a segmented answer (segmentation is not supported; "
                + "read fewer points per request)", null, Reasons.ABORT_SEGMENTATION_NOT_SUPPORTED);
    }

    public static BacnetFailure closed() { return new BacnetFailure(Kind.CLOSED, "driver closed", null, -1); }

    public Kind kind() { return kind; }

    /** The device's error class and code, for {@link Kind#ERROR}; else null. */
    public BacnetError error() { return error; }

    /** The reject or abort reason, else -1. */
    public int reason() { return reason; }

    /** The failure behind {@code failure} (unwrapping completion wrappers), or null if it is not a BACnet one. */
    public static BacnetFailure of(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof BacnetFailure)) cause = cause.getCause();
        return (BacnetFailure) cause;
    }
}
