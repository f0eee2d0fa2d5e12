package io.vakt.driver.modbus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterCodecTest {
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ").withUpperCase();

    @ParameterizedTest(name = "{0} {1} {2} is {3} on the wire")
    @CsvSource({
            "INT16,   ABCD, -2,          FF FE",
            "INT16,   DCBA, -2,          FE FF",
            "INT16,   BADC, -2,          FE FF",
            "INT16,   CDAB, -2,          FF FE",
            "UINT16,  ABCD, 4660,        12 34",
            "UINT16,  DCBA, 4660,        34 12",
            "UINT16,  BADC, 4660,        34 12",
            "UINT16,  CDAB, 4660,        12 34",
            "INT32,   ABCD, 16909060,    01 02 03 04",
            "INT32,   DCBA, 16909060,    04 03 02 01",
            "INT32,   BADC, 16909060,    02 01 04 03",
            "INT32,   CDAB, 16909060,    03 04 01 02",
            "INT32,   ABCD, -2,          FF FF FF FE",
            "UINT32,  ABCD, 4043440900,  F1 02 03 04",
            "UINT32,  DCBA, 4043440900,  04 03 02 F1",
            "UINT32,  BADC, 4043440900,  02 F1 04 03",
            "UINT32,  CDAB, 4043440900,  03 04 F1 02",
            "FLOAT32, ABCD, 21.5,        41 AC 00 00",
            "FLOAT32, DCBA, 21.5,        00 00 AC 41",
            "FLOAT32, BADC, 21.5,        AC 41 00 00",
            "FLOAT32, CDAB, 21.5,        00 00 41 AC",
            "FLOAT64, ABCD, 3.141592653589793, 40 09 21 FB 54 44 2D 18",
            "FLOAT64, DCBA, 3.141592653589793, 18 2D 44 54 FB 21 09 40",
            "FLOAT64, BADC, 3.141592653589793, 09 40 FB 21 44 54 18 2D",
            "FLOAT64, CDAB, 3.141592653589793, 2D 18 54 44 21 FB 40 09",
    })
    void encodesAndDecodesEveryFormatInEveryOrderByteExact(Format format, Order order, double value, String wire) {
        assertThat(HEX.formatHex(RegisterCodec.encode(format, order, value))).isEqualTo(wire);
        assertThat(RegisterCodec.decode(format, order, HEX.parseHex(wire), 0)).isEqualTo(value);
    }

    @Test
    void float32ReadsAsTheShortestDecimalOfTheFloat() {
        byte[] wire = RegisterCodec.encode(Format.FLOAT32, Order.ABCD, 21.7);
        assertThat(RegisterCodec.decode(Format.FLOAT32, Order.ABCD, wire, 0)).isEqualTo(21.7);
    }

    @Test
    void integerFormatsRoundToTheNearestWholeNumber() {
        assertThat(HEX.formatHex(RegisterCodec.encode(Format.INT16, Order.ABCD, 252.6))).isEqualTo("00 FD");
    }

    @ParameterizedTest(name = "bit {1} of 0005 in {0} is {2}")
    @CsvSource({
            "ABCD, 00 05, 0, 1", "ABCD, 00 05, 1, 0", "ABCD, 00 05, 2, 1",
            "BADC, 05 00, 0, 1", "BADC, 05 00, 2, 1", "ABCD, 80 00, 15, 1", "ABCD, 80 00, 14, 0",
    })
    void readsOneBitOfARegisterCountingFromTheLeastSignificant(Order order, String wire, int bit, int expected) {
        assertThat(RegisterCodec.decode(Format.BIT, order, HEX.parseHex(wire), bit)).isEqualTo(expected);
    }

    @Test
    void setsAndClearsOneBitLeavingTheOthers() {
        assertThat(RegisterCodec.withBit(0b0101, 1, true)).isEqualTo(0b0111);
        assertThat(RegisterCodec.withBit(0b0101, 2, false)).isEqualTo(0b0001);
        assertThat(RegisterCodec.withBit(0xFFFF, 15, false)).isEqualTo(0x7FFF);
    }

    @ParameterizedTest(name = "{0} refuses {1}")
    @CsvSource({
            "INT16,   32768,        -32768 to 32767",
            "INT16,   -32769,       -32768 to 32767",
            "UINT16,  -1,           0 to 65535",
            "UINT16,  65536,        0 to 65535",
            "INT32,   2147483648,   -2147483648 to 2147483647",
            "UINT32,  -1,           0 to 4294967295",
            "UINT32,  4294967296,   0 to 4294967295",
    })
    void refusesValuesOutsideTheFormatsRangeNamingIt(Format format, double value, String range) {
        assertThatThrownBy(() -> RegisterCodec.encode(format, Order.ABCD, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not fit " + format.name().toLowerCase())
                .hasMessageContaining(range);
    }

    @Test
    void refusesAFloat32Overflow() {
        assertThatThrownBy(() -> RegisterCodec.encode(Format.FLOAT32, Order.ABCD, 1e39))
                .hasMessageContaining("does not fit float32");
    }

    @Test
    void refusesNotANumber() {
        assertThatThrownBy(() -> RegisterCodec.encode(Format.FLOAT64, Order.ABCD, Double.NaN))
                .hasMessageContaining("not a finite number");
    }

    @Test
    void refusesDataOfTheWrongLength() {
        assertThatThrownBy(() -> RegisterCodec.decode(Format.FLOAT32, Order.ABCD, new byte[2], 0))
                .hasMessageContaining("needs 4 bytes, got 2");
    }

    @Test
    void refusesToEncodeBitFormats() {
        assertThatThrownBy(() -> RegisterCodec.encode(Format.BIT, Order.ABCD, 1))
                .hasMessageContaining("bit by bit");
    }
}
