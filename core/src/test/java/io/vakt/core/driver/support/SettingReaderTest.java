package io.vakt.core.driver.support;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingReaderTest {
    private static final List<String> KEYS = LinkSettings.withKeys(List.of("host", "port", "order", "secure"));

    private static SettingReader reader(Map<String, String> settings) {
        Map<String, SourceRef> lines = new LinkedHashMap<>();
        int line = 4;
        for (String key : settings.keySet()) lines.put(key, new SourceRef("controllers/PLC1.yaml", line++));
        Controller controller = new Controller("PLC1", "", "modbus", settings, List.of(),
                new SourceRef("controllers/PLC1.yaml", 1), lines);
        return SettingReader.settings(controller, "modbus", KEYS);
    }

    @Test
    void unknownKeyNamesFileLineAndNearestKnownKey() {
        assertThatThrownBy(() -> reader(Map.of("hots", "x")))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("controllers/PLC1.yaml:4")
                .hasMessageContaining("unknown modbus setting \"hots\"")
                .hasMessageContaining("did you mean \"host\"");
    }

    @Test
    void readsTypedValuesWithDefaults() {
        SettingReader settings = reader(Map.of("host", " 10.0.0.5 ", "port", "0x1F6", "secure", "Yes"));
        assertThat(settings.required("host")).isEqualTo("10.0.0.5");
        assertThat(settings.integer("port", 502, 1, 65535)).isEqualTo(502);
        assertThat(settings.yesNo("secure", false)).isTrue();
        assertThat(settings.text("order", "abcd")).isEqualTo("abcd");
    }

    @Test
    void integerOutsideItsRangeIsRefusedWithTheRange() {
        assertThatThrownBy(() -> reader(Map.of("port", "70000")).integer("port", 502, 1, 65535))
                .hasMessageContaining("controllers/PLC1.yaml:4")
                .hasMessageContaining("port \"70000\" must be from 1 to 65535");
        assertThatThrownBy(() -> reader(Map.of("port", "five")).integer("port", 502, 1, 65535))
                .hasMessageContaining("must be a whole number from 1 to 65535");
    }

    @Test
    void missingRequiredSettingIsNamed() {
        assertThatThrownBy(() -> reader(Map.of()).required("host"))
                .hasMessageContaining("controllers/PLC1.yaml:1")
                .hasMessageContaining("modbus setting \"host\" is required");
    }

    @Test
    void yesNoRefusesOtherWords() {
        assertThatThrownBy(() -> reader(Map.of("secure", "maybe")).yesNo("secure", false))
                .hasMessageContaining("must be yes or no");
    }

    @Test
    void choiceIgnoresCaseAndDashesAndHintsAtTheNearest() {
        SettingReader settings = reader(Map.of("order", "BIG_endian"));
        assertThat(settings.choice("order", "little-endian", List.of("big-endian", "little-endian"))).isEqualTo("big-endian");
        assertThatThrownBy(() -> reader(Map.of("order", "big-endain")).choice("order", "x", List.of("big-endian", "little-endian")))
                .hasMessageContaining("must be one of big-endian, little-endian")
                .hasMessageContaining("did you mean \"big-endian\"");
    }

    enum Order { ABCD, DCBA, WORD_SWAPPED }

    @Test
    void enumChoiceUsesLowerCaseDashedLabels() {
        assertThat(reader(Map.of("order", "word-swapped")).choice("order", Order.ABCD, Order.class)).isEqualTo(Order.WORD_SWAPPED);
        assertThat(reader(Map.of()).choice("order", Order.DCBA, Order.class)).isEqualTo(Order.DCBA);
        assertThatThrownBy(() -> reader(Map.of("order", "cdab")).choice("order", Order.ABCD, Order.class))
                .hasMessageContaining("must be one of abcd, dcba, word-swapped");
    }

    @Test
    void linkSettingsHaveDefaultsAndRefuseAMaximumBelowTheMinimum() {
        LinkSettings defaults = LinkSettings.read(reader(Map.of()));
        assertThat(defaults.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(defaults.backoff()).isEqualTo(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
        LinkSettings fast = LinkSettings.read(reader(Map.of("timeout", "300ms", "reconnectMin", "20ms", "reconnectMax", "100ms")));
        assertThat(fast.timeout()).isEqualTo(Duration.ofMillis(300));
        assertThat(fast.backoff()).isEqualTo(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
        assertThatThrownBy(() -> LinkSettings.read(reader(Map.of("reconnectMin", "10s", "reconnectMax", "2s"))))
                .hasMessageContaining("reconnectMax \"2s\" must not be below reconnectMin (10s)");
        assertThatThrownBy(() -> LinkSettings.read(reader(Map.of("timeout", "soon"))))
                .hasMessageContaining("timeout \"soon\" must be a duration");
        assertThatThrownBy(() -> LinkSettings.read(reader(Map.of("timeout", "10ms"))))
                .hasMessageContaining("must be between 50ms and 2m");
    }

    @Test
    void pointOptionsAreReportedOnThePointsLine() {
        Point point = new Point("HR100", PointType.REAL, "", false, null, null, "", Map.of("registr", "holding:100"),
                new SourceRef("controllers/PLC1.yaml", 12));
        assertThatThrownBy(() -> SettingReader.options(point, "modbus", List.of("register", "format")))
                .hasMessageContaining("controllers/PLC1.yaml:12")
                .hasMessageContaining("unknown modbus option of point HR100 \"registr\"")
                .hasMessageContaining("did you mean \"register\"");
    }
}
