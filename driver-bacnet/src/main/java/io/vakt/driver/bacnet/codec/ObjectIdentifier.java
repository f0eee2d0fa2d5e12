package io.vakt.driver.bacnet.codec;

/**
 * A BACnetObjectIdentifier (clause 20.2.14): a 10-bit object type and a 22-bit instance number.
 *
 * @param type     object type number ({@link ObjectTypes})
 * @param instance instance number, 0..4194303 (4194303 = "unconfigured" wildcard)
 */
public record ObjectIdentifier(int type, int instance) {
    public static final int MAX_INSTANCE = 0x3FFFFF;

    public ObjectIdentifier {
        if (type < 0 || type > 0x3FF) throw new IllegalArgumentException("object type " + type + " outside 0..1023");
        if (instance < 0 || instance > MAX_INSTANCE) throw new IllegalArgumentException("instance " + instance + " outside 0..4194303");
    }

    public static ObjectIdentifier device(int instance) { return new ObjectIdentifier(ObjectTypes.DEVICE, instance); }

    /** The 32-bit encoded form. */
    public long encoded() { return ((long) type << 22) | instance; }

    public static ObjectIdentifier decode(long encoded) {
        return new ObjectIdentifier((int) ((encoded >>> 22) & 0x3FF), (int) (encoded & MAX_INSTANCE));
    }

    @Override
    public String toString() { return ObjectTypes.name(type) + ":" + instance; }
}
