package io.vakt.driver.bacnet.codec;

/**
 * The application layer PDUs (clause 20.1), one record per PDU type. {@code data} is the service part that
 * follows the header (service request, ACK, or error), decoded by {@link Services}.
 */
public sealed interface Apdu {
    int CONFIRMED_REQUEST = 0;
    int UNCONFIRMED_REQUEST = 1;
    int SIMPLE_ACK = 2;
    int COMPLEX_ACK = 3;
    int SEGMENT_ACK = 4;
    int ERROR = 5;
    int REJECT = 6;
    int ABORT = 7;

    /**
     * clause 20.1.2. Vakt sends unsegmented requests with segmented-response-accepted = no.
     *
     * @param segmented a segment of a longer request (Vakt does not reassemble these)
     */
    record ConfirmedRequest(int invokeId, int service, boolean segmented, int maxApdu, byte[] data) implements Apdu {}

    /** clause 20.1.3 */
    record UnconfirmedRequest(int service, byte[] data) implements Apdu {}

    /** clause 20.1.4 */
    record SimpleAck(int invokeId, int service) implements Apdu {}

    /** clause 20.1.5; {@code segmented} answers are refused (segmentation is not supported). */
    record ComplexAck(int invokeId, int service, boolean segmented, byte[] data) implements Apdu {}

    /** clause 20.1.6 */
    record SegmentAck(int invokeId, boolean negative, boolean fromServer, int sequence, int window) implements Apdu {}

    /** clause 20.1.7 */
    record Error(int invokeId, int service, int errorClass, int errorCode) implements Apdu {}

    /** clause 20.1.8 */
    record Reject(int invokeId, int reason) implements Apdu {}

    /** clause 20.1.9 */
    record Abort(int invokeId, boolean fromServer, int reason) implements Apdu {}
}
