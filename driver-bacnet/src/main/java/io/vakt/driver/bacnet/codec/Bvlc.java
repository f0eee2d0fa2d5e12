package io.vakt.driver.bacnet.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * BACnet Virtual Link Control for BACnet/IP (Annex J.2): the 4-octet header in front of every NPDU on UDP.
 *
 * @param function      the BVLC function ({@link #ORIGINAL_UNICAST}, {@link #ORIGINAL_BROADCAST}, {@link #FORWARDED})
 * @param npduOffset    where the NPDU starts in the datagram
 * @param forwardedFrom the original source of a Forwarded-NPDU (J.2.9), else null
 */
public record Bvlc(int function, int npduOffset, InetSocketAddress forwardedFrom) {
    public static final int TYPE_BACNET_IP = 0x81;
    public static final int RESULT = 0x00;
    public static final int FORWARDED = 0x04;
    public static final int ORIGINAL_UNICAST = 0x0A;
    public static final int ORIGINAL_BROADCAST = 0x0B;
    /** The largest datagram BACnet/IP sends: 1476 octets of APDU plus headers (J.2.1). */
    public static final int MAX_DATAGRAM = 1497;

    /** Wraps an NPDU in an Original-Unicast-NPDU or Original-Broadcast-NPDU header. */
    public static byte[] wrap(int function, byte[] npdu) {
        int length = npdu.length + 4;
        byte[] frame = new byte[length];
        frame[0] = (byte) TYPE_BACNET_IP;
        frame[1] = (byte) function;
        frame[2] = (byte) (length >> 8);
        frame[3] = (byte) length;
        System.arraycopy(npdu, 0, frame, 4, npdu.length);
        return frame;
    }

    /**
     * Reads the header of a received datagram.
     *
     * @return the header; {@code function} tells whether an NPDU follows (unicast, broadcast, forwarded)
     * @throws MalformedFrameException when it is no BACnet/IP frame or its length field disagrees with the datagram
     */
    public static Bvlc decode(byte[] datagram, int length) {
        if (length < 4) throw new MalformedFrameException("BVLC header needs 4 octets, got " + length);
        if ((datagram[0] & 0xFF) != TYPE_BACNET_IP) throw new MalformedFrameException(String.format("BVLC type 0x%02X is not BACnet/IP", datagram[0] & 0xFF));
        int declared = ((datagram[2] & 0xFF) << 8) | (datagram[3] & 0xFF);
        if (declared != length) throw new MalformedFrameException("BVLC length " + declared + " but the datagram has " + length + " octets");
        int function = datagram[1] & 0xFF;
        if (function == FORWARDED) {
            // J.2.9: the B/IP address of the original sender (4 octets IP, 2 octets port) precedes the NPDU
            if (length < 10) throw new MalformedFrameException("Forwarded-NPDU without its original source address");
            try {
                InetAddress address = InetAddress.getByAddress(java.util.Arrays.copyOfRange(datagram, 4, 8));
                int port = ((datagram[8] & 0xFF) << 8) | (datagram[9] & 0xFF);
                return new Bvlc(function, 10, new InetSocketAddress(address, port));
            } catch (UnknownHostException e) {
                throw new MalformedFrameException("bad forwarded address");
            }
        }
        return new Bvlc(function, 4, null);
    }

    /** Whether an NPDU follows the header. */
    public boolean carriesNpdu() { return function == ORIGINAL_UNICAST || function == ORIGINAL_BROADCAST || function == FORWARDED; }
}
