package io.vakt.driver.modbus;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.PointType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The driver against the library's own Modbus TCP server on loopback. */
class ModbusDriverTest {
    private TestDevice device;
    private DriverHarness harness;

    @BeforeEach
    void startDevice() throws Exception {
        device = new TestDevice(1, 2);
    }

    @AfterEach
    void stop() throws Exception {
        if (harness != null) harness.close();
        device.close();
    }

    private DriverHarness start(TestController controller) {
        harness = new DriverHarness(controller.setting("timeout", "300ms").setting("reconnectMin", "20ms")
                .setting("reconnectMax", "100ms").setting("pollNormal", "100ms").build());
        await().atMost(Duration.ofSeconds(10)).until(this::connected);
        device.requests.clear();
        return harness;
    }

    private boolean connected() {
        return harness.read("Probe").status() == SampleStatus.GOOD;
    }

    private TestController at() {
        return TestController.at(device.port).point("Probe", PointType.INTEGER, false, "register", "holding:99");
    }

    private static VaktException failure(Runnable action) {
        try {
            action.run();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaktException vakt) return vakt;
            throw e;
        }
        throw new AssertionError("no failure");
    }

    @Test
    void readsEveryTableFormatOrderAndScaling() {
        TestDevice.Unit unit = device.unit(1);
        unit.holding[0] = 0xFFFE;
        unit.holding[1] = 0x0000;
        unit.holding[2] = 0x41AC;
        unit.holding[5] = 0b0100;
        unit.input[3] = 253;
        unit.coils[4] = true;
        unit.discrete[6] = true;
        start(at()
                .point("I16", PointType.INTEGER, false, "register", "holding:0")
                .point("F32", PointType.REAL, false, "register", "holding:1", "format", "float32", "order", "cdab")
                .point("Bit2", PointType.DIGITAL, false, "register", "holding:5", "bit", "2")
                .point("Bit1", PointType.DIGITAL, false, "register", "holding:5", "bit", "1")
                .point("Scaled", PointType.REAL, false, "register", "input:3", "format", "uint16", "scale", "0.1", "offset", "-5")
                .point("Coil", PointType.DIGITAL, false, "register", "coil:4")
                .point("Input", PointType.DIGITAL, false, "register", "discrete:6"));
        assertThat(harness.read("I16").value()).isEqualTo(-2L);
        assertThat(harness.read("F32").value()).isEqualTo(21.5);
        assertThat(harness.read("Bit2").value()).isEqualTo(1L);
        assertThat(harness.read("Bit1").value()).isEqualTo(0L);
        assertThat((Double) harness.read("Scaled").value()).isCloseTo(20.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(harness.read("Coil").value()).isEqualTo(1L);
        assertThat(harness.read("Input").value()).isEqualTo(1L);
    }

    @Test
    void pollsAdvisedPointsInMergedBlocksAndPublishesChanges() {
        start(at().setting("maxGap", "4")
                .point("A", PointType.INTEGER, false, "register", "holding:10")
                .point("B", PointType.REAL, false, "register", "holding:12", "format", "float32")
                .point("C", PointType.INTEGER, false, "register", "holding:17")
                .point("Unwatched", PointType.INTEGER, false, "register", "holding:40"));
        device.unit(1).holding[10] = 7;
        harness.advise("A", "B", "C");
        harness.awaitValue("A", 7L);
        await().atMost(Duration.ofSeconds(5)).until(() -> device.requests.contains("1 3 10 8"));
        device.unit(1).holding[10] = 8;
        harness.awaitValue("A", 8L);
        assertThat(device.requests).noneMatch(r -> r.startsWith("1 3 40"));
        assertThat(device.requests).noneMatch(r -> r.startsWith("1 3 99"));
    }

    @Test
    void stopsPollingUnadvisedPoints() {
        start(at().point("A", PointType.INTEGER, false, "register", "holding:10"));
        harness.advise("A");
        harness.awaitValue("A", 0L);
        harness.driver.unadvise(harness.point("A"));
        await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);
        device.requests.clear();
        await().pollDelay(Duration.ofMillis(400)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(device.requests).isEmpty();
    }

    @Test
    void writesOneRegisterWithFunction6AndScalingInverted() {
        start(at().point("SP", PointType.REAL, true, "register", "holding:20", "scale", "0.1"));
        harness.write("SP", 25.3);
        assertThat(device.unit(1).holding[20]).isEqualTo(253);
        assertThat(device.requests).contains("1 6 20 1");
        assertThat(harness.read("SP").value()).isEqualTo(25.3);
    }

    @Test
    void writesOneRegisterWithFunction16WhenSettingsSayWriteMultiple() {
        start(at().setting("writeMultiple", "yes").point("SP", PointType.INTEGER, true, "register", "holding:20"));
        harness.write("SP", -3L);
        assertThat(device.unit(1).holding[20]).isEqualTo(0xFFFD);
        assertThat(device.requests).contains("1 16 20 1");
    }

    @Test
    void writesMultiRegisterValuesWithFunction16InTheirOrder() {
        start(at().point("F", PointType.REAL, true, "register", "holding:30", "format", "float32", "order", "cdab"));
        harness.write("F", 21.5);
        assertThat(device.unit(1).holding[30]).isEqualTo(0x0000);
        assertThat(device.unit(1).holding[31]).isEqualTo(0x41AC);
        assertThat(device.requests).contains("1 16 30 2");
        assertThat(harness.read("F").value()).isEqualTo(21.5);
    }

    @Test
    void writesCoilsWithFunction5() {
        start(at().point("Pump", PointType.DIGITAL, true, "register", "coil:7"));
        harness.write("Pump", 1L);
        assertThat(device.unit(1).coils[7]).isTrue();
        assertThat(device.requests).contains("1 5 7 1");
        harness.write("Pump", 0L);
        assertThat(device.unit(1).coils[7]).isFalse();
    }

    @Test
    void writesABitByReadModifyWriteOfItsRegister() {
        device.unit(1).holding[8] = 0b1001;
        start(at().point("B1", PointType.DIGITAL, true, "register", "holding:8", "bit", "1")
                .point("B3", PointType.DIGITAL, true, "register", "holding:8", "bit", "3"));
        harness.write("B1", 1L);
        assertThat(device.unit(1).holding[8]).isEqualTo(0b1011);
        harness.write("B3", 0L);
        assertThat(device.unit(1).holding[8]).isEqualTo(0b0011);
        assertThat(device.requests).containsSubsequence("1 3 8 1", "1 6 8 1", "1 3 8 1", "1 6 8 1");
    }

    @Test
    void writesToAnotherUnitThroughTheSameConnection() {
        start(at().point("Other", PointType.INTEGER, true, "register", "holding:3", "unitId", "2"));
        harness.write("Other", 42L);
        assertThat(device.unit(2).holding[3]).isEqualTo(42);
        assertThat(device.unit(1).holding[3]).isZero();
        assertThat(harness.read("Other").value()).isEqualTo(42L);
    }

    @Test
    void refusesAValueTheFormatCannotHold() {
        start(at().point("SP", PointType.INTEGER, true, "register", "holding:20"));
        VaktException refused = failure(() -> harness.write("SP", 40000L));
        assertThat(refused.fault()).isEqualTo(Fault.OUT_OF_RANGE);
        assertThat(refused.getMessage()).contains("PLC.SP", "does not fit int16");
    }

    @Test
    void refusesWritesToReadOnlyPoints() {
        start(at().point("RO", PointType.INTEGER, false, "register", "holding:20"));
        assertThat(failure(() -> harness.write("RO", 1L)).fault()).isEqualTo(Fault.NOT_WRITABLE);
    }

    @Test
    void aWriteTheDeviceRefusesFailsWithTheModbusReason() {
        start(at().point("Far", PointType.INTEGER, true, "register", "holding:150"));
        VaktException refused = failure(() -> harness.write("Far", 1L));
        assertThat(refused.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(refused.getMessage()).isEqualTo("PLC.Far: Modbus exception 02 (illegal data address)");
    }

    @Test
    void anAddressTheDeviceDoesNotHaveIsNotExist() {
        start(at().point("Far", PointType.INTEGER, false, "register", "holding:150"));
        assertThat(harness.read("Far").status()).isEqualTo(SampleStatus.NOT_EXIST);
        harness.advise("Far");
        harness.awaitStatus("Far", SampleStatus.NOT_EXIST);
    }

    @Test
    void aMergedBlockWithAHoleFallsBackToReadingItsPointsAlone() {
        device.unit(1).holes.add(3);
        device.unit(1).holding[2] = 22;
        device.unit(1).holding[4] = 44;
        start(at().point("A", PointType.INTEGER, false, "register", "holding:2")
                .point("B", PointType.INTEGER, false, "register", "holding:4"));
        harness.advise("A", "B");
        harness.awaitValue("A", 22L);
        harness.awaitValue("B", 44L);
        await().atMost(Duration.ofSeconds(5)).until(() -> device.requests.contains("1 3 2 3"));
        device.requests.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> device.requests.contains("1 3 4 1"));
        assertThat(device.requests).doesNotContain("1 3 2 3");
    }

    @Test
    void otherExceptionResponsesAreErrorsNamedInTheWriteFailure() {
        device.unit(1).failing.add(12);
        start(at().point("Broken", PointType.INTEGER, true, "register", "holding:12"));
        assertThat(harness.read("Broken").status()).isEqualTo(SampleStatus.ERROR);
        harness.advise("Broken");
        harness.awaitStatus("Broken", SampleStatus.ERROR);
        VaktException refused = failure(() -> harness.write("Broken", 1L));
        assertThat(refused.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(refused.getMessage()).isEqualTo("PLC.Broken: Modbus exception 04 (server device failure)");
    }

    @Test
    void aUnitThatDoesNotAnswerTurnsUnreachableWithinTheTimeout() {
        start(at().point("Ghost", PointType.INTEGER, false, "register", "holding:1", "unitId", "9")
                .point("Alive", PointType.INTEGER, false, "register", "holding:1"));
        harness.advise("Ghost", "Alive");
        harness.awaitStatus("Ghost", SampleStatus.UNREACHABLE);
        harness.awaitValue("Alive", 0L);
    }

    @Test
    void reconnectsAfterTheDeviceStopsAndStartsAgain() throws Exception {
        start(at().point("A", PointType.INTEGER, true, "register", "holding:10"));
        harness.advise("A");
        harness.awaitValue("A", 0L);
        device.stop();
        harness.awaitStatus("A", SampleStatus.UNREACHABLE);
        VaktException refused = failure(() -> harness.write("A", 5L));
        assertThat(refused.fault()).isEqualTo(Fault.UNREACHABLE);
        assertThat(refused.getMessage()).startsWith("PLC.A: ");
        device.unit(1).holding[10] = 11;
        device.start();
        harness.awaitValue("A", 11L);
        harness.write("A", 12L);
        harness.awaitValue("A", 12L);
    }

    @Test
    void readOfAnUnknownPointIsNotExist() {
        start(at());
        Sample sample = harness.driver.read(new io.vakt.core.model.Point("Nope", PointType.INTEGER, "", false, null, null,
                "", java.util.Map.of(), null)).toCompletableFuture().join();
        assertThat(sample.status()).isEqualTo(SampleStatus.NOT_EXIST);
    }
}
