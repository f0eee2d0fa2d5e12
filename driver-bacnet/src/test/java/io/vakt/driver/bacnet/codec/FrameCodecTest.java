package io.vakt.driver.bacnet.codec;

import io.vakt.driver.bacnet.codec.Services.PropertyReference;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * BVLC (Annex J), NPDU (clause 6) and APDU (clause 20.1) with the services Vakt uses, byte-exact against the
 * Annex F example encodings (F.1.4 SubscribeCOV, F.1.5 COV notification, F.3.5 ReadProperty, F.3.7 RPM),
 * and one refusal per decoding rule.
 */
class FrameCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String text) { return HEX.parseHex(text.replace(" ", "")); }

    private static String hex(byte[] bytes) { return HEX.formatHex(bytes); }

    private static final ObjectIdentifier AI_5 = new ObjectIdentifier(ObjectTypes.ANALOG_INPUT, 5);

    @Test
    void wrapsAWhoIsInABroadcastBvlcAndLocalNpdu() { // J.2.11, 6.2, 16.10
        byte[] apdu = ApduCodec.encode(new Apdu.UnconfirmedRequest(Services.WHO_IS, Services.whoIs(null, null)));
        assertThat(hex(Bvlc.wrap(Bvlc.ORIGINAL_BROADCAST, Npdu.wrap(false, apdu)))).isEqualTo("810b000801001008");
        assertThat(hex(Services.whoIs(260001, 260001))).isEqualTo("0b03f7a11b03f7a1");
    }

    @Test
    void encodesReadPropertyAsInAnnexF35() {
        byte[] apdu = ApduCodec.encode(new Apdu.ConfirmedRequest(1, Services.READ_PROPERTY, false, 1476,
                Services.readProperty(new PropertyReference(AI_5, PropertyIds.PRESENT_VALUE))));
        // SA = 0 (segmented-response-accepted = no), max APDU 1476 (code 5)
        assertThat(hex(apdu)).isEqualTo("0005010c0c0000000519" + "55");
        assertThat(hex(Services.readProperty(new PropertyReference(AI_5, PropertyIds.PRIORITY_ARRAY, 8)))).isEqualTo("0c00000005195729" + "08");
    }

    @Test
    void decodesTheReadPropertyAckOfAnnexF35() {
        Apdu apdu = ApduCodec.decode(hex("30 01 0c 0c 00000005 19 55 3e 44 42900000 3f"), 0, 17);
        assertThat(apdu).isInstanceOf(Apdu.ComplexAck.class);
        Apdu.ComplexAck ack = (Apdu.ComplexAck) apdu;
        assertThat(ack.invokeId()).isEqualTo(1);
        assertThat(ack.segmented()).isFalse();
        Services.PropertyResult result = Services.decodeReadPropertyAck(ack.data());
        assertThat(result.reference()).isEqualTo(new PropertyReference(AI_5, PropertyIds.PRESENT_VALUE));
        assertThat(result.values()).containsExactly(new BacnetValue.Real(72.0f));
    }

    @Test
    void encodesReadPropertyMultipleAsInAnnexF37() {
        ObjectIdentifier ai16 = new ObjectIdentifier(ObjectTypes.ANALOG_INPUT, 16);
        byte[] request = Services.readPropertyMultiple(List.of(new PropertyReference(ai16, PropertyIds.PRESENT_VALUE),
                new PropertyReference(ai16, 103)));
        assertThat(hex(request)).isEqualTo("0c000000101e095509671f");
    }

    @Test
    void decodesAReadPropertyMultipleAckWithValuesAndErrors() {
        byte[] ack = hex("0c00000010 1e 2955 4e 44 4290 0000 4f 29 67 5e 91 02 91 20 5f 1f");
        List<Services.PropertyResult> results = Services.decodeReadPropertyMultipleAck(ack);
        assertThat(results).hasSize(2);
        assertThat(results.get(0).values()).containsExactly(new BacnetValue.Real(72.0f));
        assertThat(results.get(1).error()).hasToString("property/unknown-property");
    }

    @Test
    void encodesWritePropertyWithPriorityAndRelinquishAsNull() { // 15.9
        PropertyReference av1 = new PropertyReference(new ObjectIdentifier(ObjectTypes.ANALOG_VALUE, 1), PropertyIds.PRESENT_VALUE);
        assertThat(hex(Services.writeProperty(av1, new BacnetValue.Real(180f), 8))).isEqualTo("0c008000011955" + "3e44433400003f" + "4908");
        assertThat(hex(Services.writeProperty(av1, BacnetValue.Null.INSTANCE, 16))).isEqualTo("0c008000011955" + "3e003f" + "4910");
    }

    @Test
    void encodesSubscribeCovAsInAnnexF14AndItsCancellation() {
        ObjectIdentifier ai10 = new ObjectIdentifier(ObjectTypes.ANALOG_INPUT, 10);
        assertThat(hex(Services.subscribeCov(18, ai10, true, 0))).isEqualTo("09121c0000000a29013900");
        assertThat(hex(Services.subscribeCov(18, ai10, false, -1))).isEqualTo("09121c0000000a");
    }

    @Test
    void decodesTheCovNotificationOfAnnexF15() {
        byte[] data = hex("0912 1c02000004 2c0000000a 3900 4e 0955 2e 4442820000 2f 096f 2e 820400 2f 4f");
        Services.CovNotification notification = Services.decodeCovNotification(data);
        assertThat(notification.processId()).isEqualTo(18);
        assertThat(notification.device()).isEqualTo(ObjectIdentifier.device(4));
        assertThat(notification.object()).isEqualTo(new ObjectIdentifier(ObjectTypes.ANALOG_INPUT, 10));
        assertThat(notification.values()).hasSize(2);
        assertThat(notification.values().get(0).values()).containsExactly(new BacnetValue.Real(65.0f));
        assertThat(notification.values().get(1).values()).containsExactly(new BacnetValue.BitString(List.of(false, false, false, false)));
    }

    @Test
    void decodesAnIAmFromARoutedDevice() {
        // NPDU with SNET 5, SLEN 1, SADR 07 (6.2.2), then the I-Am of device 260001
        byte[] frame = hex("810b0019 0108 0005 01 07 1000 c4 0203f7a1 22 05c4 91 03 22 03e7");
        Bvlc bvlc = Bvlc.decode(frame, frame.length);
        Npdu npdu = Npdu.decode(frame, bvlc.npduOffset(), frame.length);
        assertThat(npdu.sourceNetwork()).isEqualTo(5);
        assertThat(npdu.sourceAddress()).containsExactly(7);
        Apdu.UnconfirmedRequest request = (Apdu.UnconfirmedRequest) ApduCodec.decode(frame, npdu.apduOffset(), frame.length);
        Services.IAm iAm = Services.decodeIAm(request.data());
        assertThat(iAm.device()).isEqualTo(ObjectIdentifier.device(260001));
        assertThat(iAm.maxApdu()).isEqualTo(1476);
        assertThat(iAm.segmentation()).isEqualTo(3);
        assertThat(iAm.vendor()).isEqualTo(999);
    }

    @Test
    void readsTheOriginalSourceOfAForwardedNpdu() { // J.2.9
        byte[] frame = hex("8104000e c0a80105 bac0 0100 1008");
        Bvlc bvlc = Bvlc.decode(frame, frame.length);
        assertThat(bvlc.forwardedFrom().getAddress().getHostAddress()).isEqualTo("192.168.1.5");
        assertThat(bvlc.forwardedFrom().getPort()).isEqualTo(47808);
        assertThat(bvlc.npduOffset()).isEqualTo(10);
    }

    @Test
    void roundTripsTheAnswerPdus() { // 20.1.4–20.1.9
        List<Apdu> pdus = List.of(new Apdu.SimpleAck(1, Services.WRITE_PROPERTY), new Apdu.Error(1, 15, 2, 40),
                new Apdu.Reject(3, 9), new Apdu.Abort(4, true, 4), new Apdu.SegmentAck(5, true, false, 2, 1));
        List<String> bytes = List.of("20010f", "50010f91029128", "600309", "710404", "42050201");
        for (int i = 0; i < pdus.size(); i++) {
            byte[] encoded = ApduCodec.encode(pdus.get(i));
            assertThat(hex(encoded)).isEqualTo(bytes.get(i));
            assertThat(ApduCodec.decode(encoded, 0, encoded.length)).isEqualTo(pdus.get(i));
        }
    }

    @Test
    void namesErrorClassesAndCodesAsTheStandardDoes() {
        assertThat(new BacnetError(2, 40)).hasToString("property/write-access-denied");
        assertThat(new BacnetError(5, 45)).hasToString("services/optional-functionality-not-supported");
        assertThat(new BacnetError(9, 999)).hasToString("9/999");
        assertThat(Reasons.reject(9)).isEqualTo("unrecognized-service");
        assertThat(Reasons.abort(4)).isEqualTo("segmentation-not-supported");
    }

    @Test
    void seesASegmentedComplexAck() {
        Apdu.ComplexAck ack = (Apdu.ComplexAck) ApduCodec.decode(hex("3c 07 00 04 0e 0c00000005"), 0, 10);
        assertThat(ack.segmented()).isTrue();
        assertThat(ack.invokeId()).isEqualTo(7);
        assertThat(ack.service()).isEqualTo(Services.READ_PROPERTY_MULTIPLE);
    }

    @Test
    void rejectsAFrameThatIsNotBacnetIp() {
        assertThatThrownBy(() -> Bvlc.decode(hex("820a000401"), 5)).isInstanceOf(MalformedFrameException.class).hasMessageContaining("not BACnet/IP");
    }

    @Test
    void rejectsABvlcLengthThatDisagreesWithTheDatagram() {
        assertThatThrownBy(() -> Bvlc.decode(hex("810a00090100100800"), 8)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("BVLC length 9");
    }

    @Test
    void rejectsADatagramShorterThanTheBvlcHeader() {
        assertThatThrownBy(() -> Bvlc.decode(hex("810a00"), 3)).isInstanceOf(MalformedFrameException.class).hasMessageContaining("4 octets");
    }

    @Test
    void rejectsAForwardedNpduWithoutItsSourceAddress() {
        assertThatThrownBy(() -> Bvlc.decode(hex("81040008c0a80105"), 8)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("original source");
    }

    @Test
    void rejectsAnNpduOfAnotherVersion() {
        assertThatThrownBy(() -> Npdu.decode(hex("02001008"), 0, 4)).isInstanceOf(MalformedFrameException.class).hasMessageContaining("version 2");
    }

    @Test
    void rejectsAnNpduSourceAddressOfLengthZero() {
        assertThatThrownBy(() -> Npdu.decode(hex("0108000500"), 0, 5)).isInstanceOf(MalformedFrameException.class).hasMessageContaining("length 0");
    }

    @Test
    void rejectsAnNpduCutShortInsideItsAddresses() {
        assertThatThrownBy(() -> Npdu.decode(hex("012000"), 0, 3)).isInstanceOf(MalformedFrameException.class).hasMessageContaining("ends early");
    }

    @Test
    void rejectsReservedApduTypes() {
        assertThatThrownBy(() -> ApduCodec.decode(hex("8001"), 0, 2)).isInstanceOf(MalformedFrameException.class).hasMessageContaining("type 8");
    }

    @Test
    void rejectsAnErrorPduWhoseClassIsNoEnumeration() {
        assertThatThrownBy(() -> ApduCodec.decode(hex("50010f21029128"), 0, 7)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("enumerations");
    }

    @Test
    void rejectsAnIAmFromSomethingOtherThanADevice() {
        assertThatThrownBy(() -> Services.decodeIAm(hex("c400000001 2205c4 9103 2203e7"))).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("I-Am");
    }

    @Test
    void rejectsAReadResultWithNeitherValueNorError() {
        assertThatThrownBy(() -> Services.decodeReadPropertyMultipleAck(hex("0c00000010 1e 2955 1f"))).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("neither value nor error");
    }

    @Test
    void rejectsAReadPropertyAckWithoutItsValueTags() {
        assertThatThrownBy(() -> Services.decodeReadPropertyAck(hex("0c00000005 1955 4442900000"))).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("opening tag 3");
    }
}
