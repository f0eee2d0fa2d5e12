package io.vakt.driver.bacnet.codec;

/**
 * The network layer header (clause 6.2). Vakt talks to devices on its own IP network, so it sends the
 * two-octet form; it parses SNET/SADR and DNET/DADR of what it receives so routed devices' I-Ams are read.
 *
 * @param expectingReply  control bit 2
 * @param networkMessage  control bit 7: a network layer message, not an APDU
 * @param sourceNetwork   SNET of a routed sender, or -1
 * @param sourceAddress   SADR of a routed sender, or null
 * @param apduOffset      where the APDU starts
 */
public record Npdu(boolean expectingReply, boolean networkMessage, int sourceNetwork, byte[] sourceAddress, int apduOffset) {
    public static final int VERSION = 0x01;

    /** An NPDU with the header and {@code apdu}. */
    public static byte[] wrap(boolean expectingReply, byte[] apdu) {
        byte[] npdu = new byte[apdu.length + 2];
        npdu[0] = VERSION;
        npdu[1] = (byte) (expectingReply ? 0x04 : 0x00);
        System.arraycopy(apdu, 0, npdu, 2, apdu.length);
        return npdu;
    }

    /** clause 6.2.2: version, control, then DNET/DLEN/DADR, SNET/SLEN/SADR, hop count, each when its bit is set. */
    public static Npdu decode(byte[] frame, int offset, int end) {
        TagReader in = new TagReader(frame, offset, end);
        int version = in.octet();
        if (version != VERSION) throw new MalformedFrameException("NPDU version " + version + ", expected 1");
        int control = in.octet();
        boolean networkMessage = (control & 0x80) != 0;
        boolean destination = (control & 0x20) != 0;
        boolean source = (control & 0x08) != 0;
        if (destination) {
            in.octet();
            in.octet();
            int length = in.octet();
            for (int i = 0; i < length; i++) in.octet();
        }
        int sourceNetwork = -1;
        byte[] sourceAddress = null;
        if (source) {
            sourceNetwork = (in.octet() << 8) | in.octet();
            int length = in.octet();
            // clause 6.2.2: SLEN = 0 is invalid (a source is never a broadcast)
            if (length == 0) throw new MalformedFrameException("NPDU source address of length 0");
            sourceAddress = new byte[length];
            for (int i = 0; i < length; i++) sourceAddress[i] = (byte) in.octet();
        }
        if (destination) in.octet(); // hop count
        if (networkMessage) {
            int type = in.octet();
            if (type >= 0x80) {
                in.octet();
                in.octet();
            }
        }
        return new Npdu((control & 0x04) != 0, networkMessage, sourceNetwork, sourceAddress, in.position());
    }
}
