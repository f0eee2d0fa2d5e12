package io.vakt.driver.bacnet.codec;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Application-tagged values against the encodings ASHRAE 135 gives in clause 20.2 (its examples, hand-checked),
 * both ways, and one refusal per decoding rule.
 */
class TagCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] encode(BacnetValue value) { return new TagWriter().application(value).toByteArray(); }

    private static BacnetValue decode(String hex) {
        TagReader reader = new TagReader(HEX.parseHex(hex));
        BacnetValue value = reader.applicationValue();
        assertThat(reader.hasMore()).as("all octets consumed").isFalse();
        return value;
    }

    private static void roundTrip(BacnetValue value, String hex) {
        assertThat(HEX.formatHex(encode(value))).isEqualTo(hex);
        assertThat(decode(hex)).isEqualTo(value);
    }

    @Test
    void encodesNullAndBooleansInTheTagOctetAlone() { // 20.2.2, 20.2.3
        roundTrip(BacnetValue.Null.INSTANCE, "00");
        roundTrip(new BacnetValue.Bool(false), "10");
        roundTrip(new BacnetValue.Bool(true), "11");
    }

    @Test
    void encodesUnsignedSignedAndEnumeratedInTheFewestOctets() { // 20.2.4, 20.2.5, 20.2.11
        roundTrip(new BacnetValue.Unsigned(72), "2148");
        roundTrip(new BacnetValue.Unsigned(256), "220100");
        roundTrip(new BacnetValue.Unsigned(0xFFFFFFFFL), "24ffffffff");
        roundTrip(new BacnetValue.Signed(72), "3148");
        roundTrip(new BacnetValue.Signed(-1), "31ff");
        roundTrip(new BacnetValue.Signed(-129), "32ff7f");
        roundTrip(new BacnetValue.Enumerated(0), "9100");
    }

    @Test
    void encodesRealAndDoubleAsIeee754() { // 20.2.6, 20.2.7
        roundTrip(new BacnetValue.Real(72.0f), "4442900000");
        roundTrip(new BacnetValue.Double(72.0), "55084052000000000000");
    }

    @Test
    void encodesStringsWithExtendedLengthAndCharacterSet() { // 20.2.8, 20.2.9
        roundTrip(new BacnetValue.OctetString(HEX.parseHex("1234ff")), "631234ff");
        roundTrip(new BacnetValue.CharacterString("This is a BACnet string!"),
                "75190054686973206973206120424143" + "6e657420737472696e6721");
        assertThat(decode("7505054672c3a4")).isEqualTo(new BacnetValue.CharacterString("Fr\u00c3\u00a4", CharacterSets.ISO_8859_1));
        assertThat(decode("7505040046006f")).isEqualTo(new BacnetValue.CharacterString("Fo", CharacterSets.UCS_2));
    }

    @Test
    void encodesBitStringsWithTheUnusedBitCount() { // 20.2.10: B'10101' is X'82 03 A8'
        roundTrip(new BacnetValue.BitString(List.of(true, false, true, false, true)), "8203a8");
        roundTrip(new BacnetValue.BitString(List.of(false, true, false, false)), "820440");
    }

    @Test
    void encodesDateTimeAndObjectIdentifier() { // 20.2.12 (Thursday 24 January 1991), 20.2.13 (17:35:45.17), 20.2.14
        roundTrip(new BacnetValue.Date(1991, 1, 24, 4), "a45b011804");
        roundTrip(new BacnetValue.Time(17, 35, 45, 17), "b411232d11");
        roundTrip(new BacnetValue.ObjectId(new ObjectIdentifier(ObjectTypes.ANALOG_INPUT, 15)), "c40000000f");
    }

    @Test
    void encodesContextTagsOpeningClosingAndExtendedTagNumbers() { // 20.2.1.3
        byte[] bytes = new TagWriter().contextUnsigned(0, 256).opening(3).closing(3).contextUnsigned(20, 1).opening(20).toByteArray();
        assertThat(HEX.formatHex(bytes)).isEqualTo("0a01003e3ff91401fe14");
        TagReader reader = new TagReader(bytes);
        assertThat(reader.contextUnsigned(0)).isEqualTo(256);
        reader.expectOpening(3);
        reader.expectClosing(3);
        assertThat(reader.contextUnsigned(20)).isEqualTo(1);
        assertThat(reader.nextIsOpening(20)).isTrue();
    }

    @Test
    void skipsConstructedValuesInsideAPropertyValue() {
        TagReader reader = new TagReader(HEX.parseHex("3e 0e 2148 0f 4442900000 3f".replace(" ", "")));
        reader.expectOpening(3);
        assertThat(reader.applicationValuesUntilClosing(3)).containsExactly(new BacnetValue.Real(72.0f));
    }

    @Test
    void rejectsATruncatedValue() {
        assertThatThrownBy(() -> decode("444290")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("claims 4 octets");
    }

    @Test
    void rejectsAnEmptyFrame() {
        assertThatThrownBy(() -> decode("")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("ends early");
    }

    @Test
    void rejectsReservedApplicationTags() {
        assertThatThrownBy(() -> decode("d100")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("reserved");
    }

    @Test
    void rejectsAContextTagWhereAnApplicationValueMustBe() {
        assertThatThrownBy(() -> decode("0948")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("application tag");
    }

    @Test
    void rejectsARealOfTheWrongLength() {
        assertThatThrownBy(() -> decode("43429000")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("needs 4 octets");
    }

    @Test
    void rejectsANullWithContent() {
        assertThatThrownBy(() -> decode("0100")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("null with length");
    }

    @Test
    void rejectsABooleanValueAboveOne() {
        assertThatThrownBy(() -> decode("12")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("boolean");
    }

    @Test
    void rejectsUnsignedWiderThanFourOctets() {
        assertThatThrownBy(() -> decode("25050102030405")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("5 octets");
    }

    @Test
    void rejectsBitStringsWithMoreThanSevenUnusedBits() {
        assertThatThrownBy(() -> decode("820800")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("unused bits");
    }

    @Test
    void rejectsCharacterSetsVaktCannotDecode() {
        assertThatThrownBy(() -> decode("720141")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("character set 1");
    }

    @Test
    void rejectsACharacterStringWithoutItsSetOctet() {
        assertThatThrownBy(() -> decode("70")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("character set octet");
    }

    @Test
    void rejectsAnExtendedLengthBeyondTheFrame() {
        assertThatThrownBy(() -> decode("65ff7fffffff00")).isInstanceOf(MalformedFrameException.class).hasMessageContaining("beyond the frame");
    }

    @Test
    void rejectsAMissingClosingTag() {
        TagReader reader = new TagReader(HEX.parseHex("3e2148"));
        reader.expectOpening(3);
        assertThatThrownBy(() -> reader.applicationValuesUntilClosing(3)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("missing closing tag 3");
    }

    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deep = "0e".repeat(TagReader.MAX_DEPTH + 1) + "0f".repeat(TagReader.MAX_DEPTH + 1);
        assertThatThrownBy(() -> new TagReader(HEX.parseHex(deep)).skip()).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("nested deeper");
    }
}
