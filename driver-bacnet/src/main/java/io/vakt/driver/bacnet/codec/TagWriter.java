package io.vakt.driver.bacnet.codec;

import java.io.ByteArrayOutputStream;
import java.util.List;

/** Writes tagged data (clause 20.2): application-tagged values, context-tagged service parameters, opening/closing tags. */
public final class TagWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    public byte[] toByteArray() { return out.toByteArray(); }

    public TagWriter raw(int... octets) {
        for (int octet : octets) out.write(octet);
        return this;
    }

    public TagWriter raw(byte[] octets) {
        out.writeBytes(octets);
        return this;
    }

    /** clause 20.2.1: the tag octet(s) and length for a tag with {@code length} content octets. */
    void tag(int number, boolean context, int length) {
        int first = context ? 0x08 : 0;
        boolean extendedNumber = number >= 15;
        first |= (extendedNumber ? 0x0F : number) << 4;
        first |= Math.min(length, 5);
        out.write(first);
        if (extendedNumber) out.write(number);
        if (length >= 5) {
            if (length <= 253) {
                out.write(length);
            } else if (length <= 0xFFFF) {
                out.write(254);
                out.write(length >> 8);
                out.write(length);
            } else {
                out.write(255);
                writeBigEndian(length, 4);
            }
        }
    }

    public TagWriter opening(int number) { return pairTag(number, 6); }

    public TagWriter closing(int number) { return pairTag(number, 7); }

    private TagWriter pairTag(int number, int lvt) {
        if (number >= 15) {
            out.write(0xF8 | lvt);
            out.write(number);
        } else {
            out.write((number << 4) | 0x08 | lvt);
        }
        return this;
    }

    public TagWriter contextUnsigned(int number, long value) {
        int length = unsignedLength(value);
        tag(number, true, length);
        writeBigEndian(value, length);
        return this;
    }

    public TagWriter contextEnumerated(int number, long value) { return contextUnsigned(number, value); }

    public TagWriter contextBoolean(int number, boolean value) {
        tag(number, true, 1);
        out.write(value ? 1 : 0);
        return this;
    }

    public TagWriter contextObjectId(int number, ObjectIdentifier id) {
        tag(number, true, 4);
        writeBigEndian(id.encoded(), 4);
        return this;
    }

    public TagWriter application(List<BacnetValue> values) {
        values.forEach(this::application);
        return this;
    }

    /** clause 20.2.2–20.2.14: one application-tagged value, in the shortest form the standard allows. */
    public TagWriter application(BacnetValue value) {
        switch (value) {
            case BacnetValue.Null ignored -> tag(0, false, 0);
            // clause 20.2.3: the application boolean's value is its length field, with no content octet
            case BacnetValue.Bool b -> out.write(0x10 | (b.value() ? 1 : 0));
            case BacnetValue.Unsigned u -> unsignedContent(2, u.value());
            case BacnetValue.Enumerated e -> unsignedContent(9, e.value());
            case BacnetValue.Signed s -> {
                int length = signedLength(s.value());
                tag(3, false, length);
                writeBigEndian(s.value(), length);
            }
            case BacnetValue.Real r -> {
                tag(4, false, 4);
                writeBigEndian(Float.floatToIntBits(r.value()) & 0xFFFFFFFFL, 4);
            }
            case BacnetValue.Double d -> {
                tag(5, false, 8);
                writeBigEndian(java.lang.Double.doubleToLongBits(d.value()), 8);
            }
            case BacnetValue.OctetString o -> {
                tag(6, false, o.octets().length);
                out.writeBytes(o.octets());
            }
            case BacnetValue.CharacterString c -> {
                byte[] text = c.value().getBytes(CharacterSets.charset(c.charset()));
                tag(7, false, text.length + 1);
                out.write(c.charset());
                out.writeBytes(text);
            }
            case BacnetValue.BitString b -> {
                int octets = (b.bits().size() + 7) / 8;
                tag(8, false, octets + 1);
                out.write(octets * 8 - b.bits().size());
                for (int i = 0; i < octets; i++) {
                    int octet = 0;
                    for (int bit = 0; bit < 8; bit++) {
                        if (b.get(i * 8 + bit)) octet |= 0x80 >> bit;
                    }
                    out.write(octet);
                }
            }
            case BacnetValue.Date d -> {
                tag(10, false, 4);
                raw(d.year() == 255 ? 255 : d.year() - 1900, d.month(), d.day(), d.weekday());
            }
            case BacnetValue.Time t -> {
                tag(11, false, 4);
                raw(t.hour(), t.minute(), t.second(), t.hundredths());
            }
            case BacnetValue.ObjectId o -> {
                tag(12, false, 4);
                writeBigEndian(o.id().encoded(), 4);
            }
        }
        return this;
    }

    private void unsignedContent(int tag, long value) {
        int length = unsignedLength(value);
        tag(tag, false, length);
        writeBigEndian(value, length);
    }

    static int unsignedLength(long value) {
        if (value < 0x100) return 1;
        if (value < 0x10000) return 2;
        if (value < 0x1000000) return 3;
        return 4;
    }

    static int signedLength(long value) {
        if (value >= -128 && value < 128) return 1;
        if (value >= -32768 && value < 32768) return 2;
        if (value >= -8388608 && value < 8388608) return 3;
        return 4;
    }

    private void writeBigEndian(long value, int length) {
        for (int i = length - 1; i >= 0; i--) out.write((int) (value >>> (8 * i)));
    }
}
