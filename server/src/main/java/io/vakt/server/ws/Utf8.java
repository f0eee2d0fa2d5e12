package io.vakt.server.ws;

/**
 * Strict UTF-8 validation (RFC 3629 §4) without decoding: WAMP hands the bytes of a text message straight to
 * its JSON serializer, so turning them into a String only to check them would be wasted work. Refuses what a
 * strict decoder refuses: stray continuation bytes, overlong forms, surrogates, code points above U+10FFFF and
 * sequences cut short.
 */
final class Utf8 {
    private Utf8() {}

    static boolean isValid(byte[] bytes) {
        int i = 0;
        int n = bytes.length;
        while (i < n) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
            } else if (lead < 0xC2) {
                // a continuation byte without a lead, or an overlong two-byte form (C0, C1)
                return false;
            } else if (lead < 0xE0) {
                if (i + 1 >= n || !continuation(bytes[i + 1])) return false;
                i += 2;
            } else if (lead < 0xF0) {
                if (i + 2 >= n) return false;
                int second = bytes[i + 1] & 0xFF;
                if (!continuation(bytes[i + 1]) || !continuation(bytes[i + 2])) return false;
                if (lead == 0xE0 && second < 0xA0) return false; // overlong
                if (lead == 0xED && second >= 0xA0) return false; // UTF-16 surrogates
                i += 3;
            } else if (lead < 0xF5) {
                if (i + 3 >= n) return false;
                int second = bytes[i + 1] & 0xFF;
                if (!continuation(bytes[i + 1]) || !continuation(bytes[i + 2]) || !continuation(bytes[i + 3])) return false;
                if (lead == 0xF0 && second < 0x90) return false; // overlong
                if (lead == 0xF4 && second >= 0x90) return false; // above U+10FFFF
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
