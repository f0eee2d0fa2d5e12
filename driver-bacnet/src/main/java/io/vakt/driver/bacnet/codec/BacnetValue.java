package io.vakt.driver.bacnet.codec;

import java.util.List;

/** One application-tagged primitive value (clause 20.2.1–20.2.14): what a property holds on the wire. */
public sealed interface BacnetValue {
    /** Application tag number of this value's type. */
    int tag();

    record Null() implements BacnetValue {
        public static final Null INSTANCE = new Null();
        public int tag() { return 0; }
    }

    record Bool(boolean value) implements BacnetValue {
        public int tag() { return 1; }
    }

    record Unsigned(long value) implements BacnetValue {
        public Unsigned {
            if (value < 0 || value > 0xFFFFFFFFL) throw new IllegalArgumentException("unsigned " + value + " outside 0..2^32-1");
        }
        public int tag() { return 2; }
    }

    record Signed(long value) implements BacnetValue {
        public Signed {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) throw new IllegalArgumentException("signed " + value + " outside 32 bits");
        }
        public int tag() { return 3; }
    }

    record Real(float value) implements BacnetValue {
        public int tag() { return 4; }
    }

    record Double(double value) implements BacnetValue {
        public int tag() { return 5; }
    }

    /** @param octets the octets; treat as read-only */
    record OctetString(byte[] octets) implements BacnetValue {
        public int tag() { return 6; }
        @Override public boolean equals(Object other) { return other instanceof OctetString o && java.util.Arrays.equals(octets, o.octets); }
        @Override public int hashCode() { return java.util.Arrays.hashCode(octets); }
        @Override public String toString() { return "OctetString" + java.util.HexFormat.of().formatHex(octets); }
    }

    /** @param charset the character set octet (0 UTF-8, 4 UCS-2, 5 ISO 8859-1) it came in or is to be sent in */
    record CharacterString(String value, int charset) implements BacnetValue {
        public CharacterString(String value) { this(value, CharacterSets.UTF_8); }
        public int tag() { return 7; }
    }

    /** @param bits the bits in order, bit 0 first (the most significant bit of the first octet) */
    record BitString(List<Boolean> bits) implements BacnetValue {
        public BitString { bits = List.copyOf(bits); }
        public int tag() { return 8; }
        public boolean get(int index) { return index < bits.size() && bits.get(index); }
    }

    record Enumerated(long value) implements BacnetValue {
        public Enumerated {
            if (value < 0 || value > 0xFFFFFFFFL) throw new IllegalArgumentException("enumerated " + value + " outside 0..2^32-1");
        }
        public int tag() { return 9; }
    }

    /** Year 1900+, 255 = unspecified, as sent. */
    record Date(int year, int month, int day, int weekday) implements BacnetValue {
        public int tag() { return 10; }
    }

    record Time(int hour, int minute, int second, int hundredths) implements BacnetValue {
        public int tag() { return 11; }
    }

    record ObjectId(ObjectIdentifier id) implements BacnetValue {
        public int tag() { return 12; }
    }
}
