package io.vakt.driver.bacnet.codec;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The character sets of a CharacterString (clause 20.2.9), by their leading octet. */
public final class CharacterSets {
    /** ISO 10646 UTF-8; older editions called it ANSI X3.4, which it contains. */
    public static final int UTF_8 = 0;
    public static final int DBCS = 1;
    public static final int JIS_X_0208 = 2;
    public static final int UCS_4 = 3;
    public static final int UCS_2 = 4;
    public static final int ISO_8859_1 = 5;

    private CharacterSets() {}

    /** The JDK charset for {@code set}, or throws for the multi-byte national sets Vakt does not decode. */
    static Charset charset(int set) {
        return switch (set) {
            case UTF_8 -> StandardCharsets.UTF_8;
            case UCS_2 -> StandardCharsets.UTF_16BE;
            case ISO_8859_1 -> StandardCharsets.ISO_8859_1;
            case UCS_4 -> Charset.forName("UTF-32BE");
            default -> throw new MalformedFrameException("character set " + set + " is not supported");
        };
    }
}
