package io.vakt.driver.modbus;

import io.vakt.core.model.PointType;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per validation rule of the settings and point options; each names the file and line. */
class ModbusValidationTest {
    private final ModbusDriverFactory factory = new ModbusDriverFactory();

    private void refused(TestController controller, String... parts) {
        assertThatThrownBy(() -> factory.validate(controller.build()))
                .isInstanceOf(ProjectException.class)
                .hasMessageStartingWith(TestController.FILE + ":")
                .hasMessageContainingAll(parts);
    }

    private static TestController withPoint(String... options) {
        return TestController.at(502).point("P", PointType.INTEGER, false, options);
    }

    @Test
    void acceptsACompleteController() {
        ModbusSettings settings = ModbusSettings.of(TestController.at(1502).setting("unitId", "3").setting("pollFast", "100ms")
                .setting("maxGap", "0").setting("maxBlock", "60").setting("writeMultiple", "yes")
                .setting("timeout", "500ms").build());
        assertThat(settings.port()).isEqualTo(1502);
        assertThat(settings.unitId()).isEqualTo(3);
        assertThat(settings.intervals().get(Poll.FAST)).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.intervals().get(Poll.NORMAL)).isEqualTo(Duration.ofSeconds(1));
        assertThat(settings.maxBlock()).isEqualTo(60);
        assertThat(settings.writeMultiple()).isTrue();
        assertThat(settings.link().timeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void requiresHost() {
        TestController controller = new TestController().setting("port", "502");
        refused(controller, "modbus setting \"host\" is required");
    }

    @Test
    void refusesUnknownSettingsWithAHint() {
        refused(TestController.at(502).setting("unitid", "2"), "unknown modbus setting \"unitid\"", "unitId");
    }

    @Test
    void refusesAPortOutOfRange() {
        refused(TestController.at(70000), ":4:", "port \"70000\" must be from 1 to 65535");
    }

    @Test
    void refusesAUnitIdOutOfRange() {
        refused(TestController.at(502).setting("unitId", "256"), "unitId \"256\" must be from 0 to 255");
    }

    @Test
    void refusesAMaxBlockAboveTheProtocolLimit() {
        refused(TestController.at(502).setting("maxBlock", "126"), "maxBlock \"126\" must be from 1 to 125");
    }

    @Test
    void refusesAMaxBitBlockAboveTheProtocolLimit() {
        refused(TestController.at(502).setting("maxBitBlock", "2001"), "maxBitBlock \"2001\" must be from 1 to 2000");
    }

    @Test
    void refusesABadPollInterval() {
        refused(TestController.at(502).setting("pollSlow", "soon"), "pollSlow \"soon\" must be a duration");
    }

    @Test
    void refusesABadWriteMultiple() {
        refused(TestController.at(502).setting("writeMultiple", "maybe"), "writeMultiple \"maybe\" must be yes or no");
    }

    @Test
    void requiresRegister() {
        refused(withPoint("format", "int16"), ":20:", "option of point P \"register\" is required");
    }

    @Test
    void refusesAnUnknownTable() {
        refused(withPoint("register", "memory:3"), "names no table");
    }

    @Test
    void refusesARegisterWithoutTable() {
        refused(withPoint("register", "100"), "must be a table and a 0-based protocol address, e.g. holding:100");
    }

    @Test
    void refuses40001StyleNumbersWithTheTranslation() {
        refused(withPoint("register", "40101"), "1-based register number", "holding:100");
        refused(withPoint("register", "30001"), "input:0");
    }

    @Test
    void refusesAnAddressOutOfRange() {
        refused(withPoint("register", "holding:65536"), "address must be from 0 to 65535");
    }

    @Test
    void refusesAMultiRegisterValuePastTheLastAddress() {
        refused(withPoint("register", "holding:65535", "format", "float32"), "leaves no room for the 2 registers of float32");
    }

    @Test
    void refusesAnUnknownFormat() {
        refused(withPoint("register", "holding:1", "format", "float16"), "format \"float16\" must be one of", "float32");
    }

    @Test
    void refusesARegisterFormatOnACoil() {
        refused(withPoint("register", "coil:1", "format", "int16"), "does not fit a coil");
    }

    @Test
    void refusesBoolOnARegister() {
        refused(withPoint("register", "holding:1", "format", "bool"), "for one bit of a register use bit");
    }

    @Test
    void refusesABitOutOfRange() {
        refused(withPoint("register", "holding:1", "bit", "16"), "bit \"16\" must be from 0 to 15");
    }

    @Test
    void refusesABitWithANumberFormat() {
        refused(withPoint("register", "holding:1", "format", "int16", "bit", "3"), "only goes with format bit");
    }

    @Test
    void refusesAnOrderOnACoil() {
        refused(withPoint("register", "coil:1", "order", "dcba"), "order", "only applies to registers");
    }

    @Test
    void refusesAnUnknownOrder() {
        refused(withPoint("register", "holding:1", "order", "big"), "order \"big\" must be one of abcd, dcba, badc, cdab");
    }

    @Test
    void refusesAZeroScale() {
        refused(withPoint("register", "holding:1", "scale", "0"), "scale \"0\" must not be 0");
    }

    @Test
    void refusesScalingABit() {
        refused(withPoint("register", "holding:1", "bit", "2", "scale", "10"), "only applies to register numbers");
    }

    @Test
    void refusesAnUnknownPollGroup() {
        refused(withPoint("register", "holding:1", "poll", "often"), "poll \"often\" must be one of fast, normal, slow");
    }

    @Test
    void refusesAPointUnitIdOutOfRange() {
        refused(withPoint("register", "holding:1", "unitId", "300"), "unitId \"300\" must be from 0 to 255");
    }

    @Test
    void refusesUnknownOptionsWithAHint() {
        refused(withPoint("register", "holding:1", "scal", "2"), "unknown modbus option of point P \"scal\"", "scale");
    }

    @Test
    void refusesAWritableInputRegister() {
        assertThatThrownBy(() -> factory.validate(TestController.at(502)
                .point("P", PointType.INTEGER, true, "register", "input:1").build()))
                .hasMessageContaining("is a read-only table (input)");
    }

    @Test
    void refusesStringPoints() {
        assertThatThrownBy(() -> factory.validate(TestController.at(502)
                .point("P", PointType.STRING, false, "register", "holding:1").build()))
                .hasMessageContaining("no string points");
    }
}
