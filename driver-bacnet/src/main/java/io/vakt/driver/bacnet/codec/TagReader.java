package io.vakt.driver.bacnet.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads tagged data (clause 20.2) from a slice of a frame. Every read checks the slice's end first, so a
 * truncated or lying frame is a {@link MalformedFrameException}, never an index error or a huge allocation.
 */
public final class TagReader {
    /** Nesting limit for constructed values: deeper than any property Vakt reads, shallow enough to stop abuse. */
    static final int MAX_DEPTH = 16;

    /** One tag header. {@code length} is the content length (the value itself for application booleans). */
    public record Tag(int number, boolean context, int length, boolean opening, boolean closing) {
        public boolean isContext(int wanted) { return context && number == wanted && !opening && !closing; }
    }

    private final byte[] data;
    private final int end;
    private int position;

    public TagReader(byte[] data, int offset, int end) {
        if (offset < 0 || end > data.length || offset > end) throw new MalformedFrameException("bad slice");
        this.data = data;
        this.position = offset;
        this.end = end;
    }

    public TagReader(byte[] data) { this(data, 0, data.length); }

    public boolean hasMore() { return position < end; }

    public int position() { return position; }

    /** The next tag without consuming it. */
    public Tag peek() {
        int saved = position;
        try {
            return readTag();
        } finally {
            position = saved;
        }
    }

    public boolean nextIsContext(int number) { return hasMore() && peek().isContext(number); }

    public boolean nextIsOpening(int number) {
        if (!hasMore()) return false;
        Tag tag = peek();
        return tag.opening() && tag.number() == number;
    }

    public boolean nextIsClosing(int number) {
        if (!hasMore()) return false;
        Tag tag = peek();
        return tag.closing() && tag.number() == number;
    }

    public Tag readTag() {
        int first = octet();
        boolean context = (first & 0x08) != 0;
        int number = first >> 4;
        if (number == 0x0F) number = octet();
        int lvt = first & 0x07;
        if (context && lvt == 6) return new Tag(number, true, 0, true, false);
        if (context && lvt == 7) return new Tag(number, true, 0, false, true);
        int length = lvt;
        if (lvt == 5) {
            length = octet();
            if (length == 254) {
                length = (int) bigEndian(2);
            } else if (length == 255) {
                long wide = bigEndian(4);
                if (wide > end - position) throw new MalformedFrameException("length " + wide + " beyond the frame");
                length = (int) wide;
            }
        }
        boolean applicationBoolean = !context && number == 1;
        if (!applicationBoolean && length > end - position) {
            throw new MalformedFrameException("tag " + number + " claims " + length + " octets, " + (end - position) + " left");
        }
        return new Tag(number, context, length, false, false);
    }

    public void expectOpening(int number) {
        Tag tag = readTag();
        if (!tag.opening() || tag.number() != number) throw new MalformedFrameException("expected opening tag " + number + ", got " + tag);
    }

    public void expectClosing(int number) {
        Tag tag = readTag();
        if (!tag.closing() || tag.number() != number) throw new MalformedFrameException("expected closing tag " + number + ", got " + tag);
    }

    /** A context-tagged unsigned or enumerated with tag {@code number}. */
    public long contextUnsigned(int number) {
        Tag tag = readTag();
        if (!tag.isContext(number)) throw new MalformedFrameException("expected context tag " + number + ", got " + tag);
        return unsignedContent(tag.length());
    }

    public ObjectIdentifier contextObjectId(int number) {
        Tag tag = readTag();
        if (!tag.isContext(number) || tag.length() != 4) throw new MalformedFrameException("expected object identifier in context tag " + number);
        return ObjectIdentifier.decode(bigEndian(4));
    }

    public boolean contextBoolean(int number) {
        Tag tag = readTag();
        if (!tag.isContext(number) || tag.length() != 1) throw new MalformedFrameException("expected boolean in context tag " + number);
        return octet() != 0;
    }

    /** Skips one complete element: a primitive or a whole constructed value between its opening and closing tags. */
    public void skip() {
        Tag tag = readTag();
        if (tag.closing()) throw new MalformedFrameException("unexpected closing tag " + tag.number());
        if (tag.opening()) {
            int depth = 1;
            while (depth > 0) {
                Tag inner = readTag();
                if (inner.opening()) {
                    if (++depth > MAX_DEPTH) throw new MalformedFrameException("nested deeper than " + MAX_DEPTH);
                } else if (inner.closing()) {
                    depth--;
                } else {
                    skipContent(inner);
                }
            }
            return;
        }
        skipContent(tag);
    }

    private void skipContent(Tag tag) {
        if (!tag.context() && tag.number() == 1) return;
        position += tag.length();
    }

    /**
     * The application-tagged values up to the closing tag {@code closing} (left unread); constructed values
     * inside are skipped, because Vakt only maps primitive property values to points.
     */
    public List<BacnetValue> applicationValuesUntilClosing(int closing) {
        List<BacnetValue> values = new ArrayList<>();
        while (!nextIsClosing(closing)) {
            if (!hasMore()) throw new MalformedFrameException("missing closing tag " + closing);
            Tag tag = peek();
            if (tag.context()) {
                skip();
            } else {
                values.add(applicationValue());
            }
        }
        return values;
    }

    /** clause 20.2.2–20.2.14: one application-tagged primitive value. */
    public BacnetValue applicationValue() {
        Tag tag = readTag();
        if (tag.context()) throw new MalformedFrameException("expected an application tag, got context tag " + tag.number());
        int length = tag.length();
        return switch (tag.number()) {
            case 0 -> {
                if (length != 0) throw new MalformedFrameException("null with length " + length);
                yield BacnetValue.Null.INSTANCE;
            }
            case 1 -> {
                if (length > 1) throw new MalformedFrameException("boolean with value " + length);
                yield new BacnetValue.Bool(length == 1);
            }
            case 2 -> new BacnetValue.Unsigned(unsignedContent(length));
            case 3 -> new BacnetValue.Signed(signedContent(length));
            case 4 -> {
                requireLength(tag, 4);
                yield new BacnetValue.Real(Float.intBitsToFloat((int) bigEndian(4)));
            }
            case 5 -> {
                requireLength(tag, 8);
                yield new BacnetValue.Double(java.lang.Double.longBitsToDouble(bigEndian(8)));
            }
            case 6 -> new BacnetValue.OctetString(octets(length));
            case 7 -> {
                if (length < 1) throw new MalformedFrameException("character string without its character set octet");
                int charset = octet();
                yield new BacnetValue.CharacterString(new String(octets(length - 1), CharacterSets.charset(charset)), charset);
            }
            case 8 -> bitString(length);
            case 9 -> new BacnetValue.Enumerated(unsignedContent(length));
            case 10 -> {
                requireLength(tag, 4);
                int year = octet();
                yield new BacnetValue.Date(year == 255 ? 255 : 1900 + year, octet(), octet(), octet());
            }
            case 11 -> {
                requireLength(tag, 4);
                yield new BacnetValue.Time(octet(), octet(), octet(), octet());
            }
            case 12 -> {
                requireLength(tag, 4);
                yield new BacnetValue.ObjectId(ObjectIdentifier.decode(bigEndian(4)));
            }
            default -> throw new MalformedFrameException("application tag " + tag.number() + " is reserved");
        };
    }

    private BacnetValue bitString(int length) {
        if (length < 1) throw new MalformedFrameException("bit string without its unused-bits octet");
        int unused = octet();
        if (unused > 7 || (length == 1 && unused != 0)) throw new MalformedFrameException("bit string with " + unused + " unused bits");
        byte[] octets = octets(length - 1);
        List<Boolean> bits = new ArrayList<>();
        for (int i = 0; i < octets.length * 8 - unused; i++) bits.add((octets[i / 8] & (0x80 >> (i % 8))) != 0);
        return new BacnetValue.BitString(bits);
    }

    private static void requireLength(Tag tag, int expected) {
        if (tag.length() != expected) {
            throw new MalformedFrameException("application tag " + tag.number() + " needs " + expected + " octets, has " + tag.length());
        }
    }

    public long unsignedContent(int length) {
        if (length < 1 || length > 4) throw new MalformedFrameException("unsigned of " + length + " octets");
        return bigEndian(length);
    }

    private long signedContent(int length) {
        if (length < 1 || length > 4) throw new MalformedFrameException("signed of " + length + " octets");
        long value = bigEndian(length);
        int shift = 64 - 8 * length;
        return (value << shift) >> shift;
    }

    public int octet() {
        if (position >= end) throw new MalformedFrameException("frame ends early");
        return data[position++] & 0xFF;
    }

    private byte[] octets(int length) {
        if (length > end - position) throw new MalformedFrameException("frame ends early");
        byte[] copy = java.util.Arrays.copyOfRange(data, position, position + length);
        position += length;
        return copy;
    }

    private long bigEndian(int length) {
        if (length > end - position) throw new MalformedFrameException("frame ends early");
        long value = 0;
        for (int i = 0; i < length; i++) value = (value << 8) | (data[position++] & 0xFF);
        return value;
    }
}
