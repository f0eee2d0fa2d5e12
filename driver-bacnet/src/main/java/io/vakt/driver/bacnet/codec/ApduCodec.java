package io.vakt.driver.bacnet.codec;

import java.util.Arrays;

/** Bytes of the {@link Apdu} records and back (clause 20.1). */
public final class ApduCodec {
    /** clause 20.1.2.5: the max-APDU-length-accepted code for 1476 octets, the BACnet/IP maximum. */
    public static final int MAX_APDU_1476 = 5;
    private static final int[] MAX_APDU_OCTETS = {50, 128, 206, 480, 1024, 1476};

    private ApduCodec() {}

    public static byte[] encode(Apdu apdu) {
        TagWriter out = new TagWriter();
        switch (apdu) {
            // clause 20.1.2: SEG = 0, MOR = 0, SA = 0 (segmented-response-accepted = no); max segments unspecified
            case Apdu.ConfirmedRequest r -> out.raw(0x00, maxApduCode(r.maxApdu()), r.invokeId(), r.service()).raw(r.data());
            case Apdu.UnconfirmedRequest r -> out.raw(0x10, r.service()).raw(r.data());
            case Apdu.SimpleAck a -> out.raw(0x20, a.invokeId(), a.service());
            case Apdu.ComplexAck a -> out.raw(0x30, a.invokeId(), a.service()).raw(a.data());
            case Apdu.SegmentAck a -> out.raw(0x40 | (a.negative() ? 2 : 0) | (a.fromServer() ? 1 : 0), a.invokeId(), a.sequence(), a.window());
            case Apdu.Error e -> {
                out.raw(0x50, e.invokeId(), e.service());
                out.application(new BacnetValue.Enumerated(e.errorClass())).application(new BacnetValue.Enumerated(e.errorCode()));
            }
            case Apdu.Reject r -> out.raw(0x60, r.invokeId(), r.reason());
            case Apdu.Abort a -> out.raw(0x70 | (a.fromServer() ? 1 : 0), a.invokeId(), a.reason());
        }
        return out.toByteArray();
    }

    private static int maxApduCode(int octets) {
        for (int code = MAX_APDU_OCTETS.length - 1; code >= 0; code--) {
            if (octets >= MAX_APDU_OCTETS[code]) return code;
        }
        return 0;
    }

    public static Apdu decode(byte[] frame, int offset, int end) {
        TagReader in = new TagReader(frame, offset, end);
        int first = in.octet();
        int type = first >> 4;
        return switch (type) {
            case Apdu.CONFIRMED_REQUEST -> {
                boolean segmented = (first & 0x08) != 0;
                int maxApdu = in.octet() & 0x0F;
                int invokeId = in.octet();
                if (segmented) {
                    in.octet();
                    in.octet();
                }
                int service = in.octet();
                yield new Apdu.ConfirmedRequest(invokeId, service, segmented,
                        maxApdu < MAX_APDU_OCTETS.length ? MAX_APDU_OCTETS[maxApdu] : 1476, rest(frame, in, end));
            }
            case Apdu.UNCONFIRMED_REQUEST -> new Apdu.UnconfirmedRequest(in.octet(), rest(frame, in, end));
            case Apdu.SIMPLE_ACK -> new Apdu.SimpleAck(in.octet(), in.octet());
            case Apdu.COMPLEX_ACK -> {
                boolean segmented = (first & 0x08) != 0;
                int invokeId = in.octet();
                if (segmented) {
                    in.octet();
                    in.octet();
                }
                yield new Apdu.ComplexAck(invokeId, in.octet(), segmented, rest(frame, in, end));
            }
            case Apdu.SEGMENT_ACK -> new Apdu.SegmentAck(in.octet(), (first & 2) != 0, (first & 1) != 0, in.octet(), in.octet());
            case Apdu.ERROR -> decodeError(in);
            case Apdu.REJECT -> new Apdu.Reject(in.octet(), in.octet());
            case Apdu.ABORT -> new Apdu.Abort(in.octet(), (first & 1) != 0, in.octet());
            default -> throw new MalformedFrameException("APDU type " + type + " is reserved");
        };
    }

    /**
     * clause 21: an Error-PDU holds error class and code as application enumerations; a few services wrap them
     * in context tag 0 (the first element of a constructed error), which is unwrapped here.
     */
    private static Apdu.Error decodeError(TagReader in) {
        int invokeId = in.octet();
        int service = in.octet();
        boolean wrapped = in.nextIsOpening(0);
        if (wrapped) in.expectOpening(0);
        BacnetValue errorClass = in.applicationValue();
        BacnetValue errorCode = in.applicationValue();
        if (!(errorClass instanceof BacnetValue.Enumerated c) || !(errorCode instanceof BacnetValue.Enumerated e)) {
            throw new MalformedFrameException("error class and code must be enumerations");
        }
        return new Apdu.Error(invokeId, service, (int) c.value(), (int) e.value());
    }

    private static byte[] rest(byte[] frame, TagReader in, int end) {
        return Arrays.copyOfRange(frame, in.position(), end);
    }
}
