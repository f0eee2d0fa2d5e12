package io.vakt.driver.bacnet;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings and point options are checked on load, with file, line, key, value and what was expected. */
class BacnetValidationTest {
    private static final SourceRef FILE = new SourceRef("controllers/Ahu.yaml", 1);
    private final BacnetDriverFactory factory = new BacnetDriverFactory();

    private static Point point(String address, PointType type, Map<String, String> options) {
        return new Point(address, type, "", true, null, null, "", options, new SourceRef("controllers/Ahu.yaml", 12));
    }

    private static Controller controller(Map<String, String> settings, Point... points) {
        Map<String, SourceRef> lines = new LinkedHashMap<>();
        settings.keySet().forEach(key -> lines.put(key, new SourceRef("controllers/Ahu.yaml", 4)));
        return new Controller("Ahu", "", "bacnet", settings, List.of(points), FILE, lines);
    }

    private static Controller withPoint(Point point) { return controller(Map.of("device", "260001"), point); }

    @Test
    void acceptsEveryObjectSpelling() {
        for (String object : List.of("analog-value:1", "AV:1", "AV1", "av-1", "analog_value:1", "multi-state-output:3", "BI 2")) {
            assertThatCode(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", object))))).as(object).doesNotThrowAnyException();
        }
    }

    @Test
    void readsDefaultsWhenOnlyTheDeviceIsGiven() {
        BacnetSettings settings = BacnetSettings.of(controller(Map.of("device", "5")));
        assertThat(settings.address()).isNull();
        assertThat(settings.broadcast().getHostString()).isEqualTo("255.255.255.255");
        assertThat(settings.broadcast().getPort()).isEqualTo(47808);
        assertThat(settings.retries()).isEqualTo(2);
        assertThat(settings.cov()).isTrue();
        assertThat(settings.covConfirmed()).isFalse();
        assertThat(settings.covLifetime()).hasSeconds(300);
        assertThat(settings.pollInterval()).hasSeconds(5);
        assertThat(settings.priority()).isEqualTo(8);
        assertThat(settings.requestDeadline()).hasSeconds(9);
    }

    @Test
    void requiresTheDeviceInstance() {
        assertThatThrownBy(() -> factory.validate(controller(Map.of("address", "10.0.0.5"))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("\"device\" is required").hasMessageContaining("Ahu.yaml");
    }

    @Test
    void refusesADeviceInstanceOutOfRange() {
        assertThatThrownBy(() -> factory.validate(controller(Map.of("device", "4194303"))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("device \"4194303\" must be from 0 to 4194302")
                .hasMessageContaining("Ahu.yaml:4");
    }

    @Test
    void namesTheNearestSettingForATypo() {
        assertThatThrownBy(() -> factory.validate(controller(Map.of("device", "1", "covLifeTime", "60s"))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("unknown bacnet setting \"covLifeTime\"")
                .hasMessageContaining("covLifetime");
    }

    @Test
    void refusesAnAddressThatIsNoHostAndPort() {
        assertThatThrownBy(() -> factory.validate(controller(Map.of("device", "1", "address", "10.0.0.5:bac0"))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("must be host or host:port");
    }

    @Test
    void refusesAPriorityOutsideOneToSixteen() {
        assertThatThrownBy(() -> factory.validate(controller(Map.of("device", "1", "priority", "17"))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("priority \"17\" must be from 1 to 16");
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", "AV1", "priority", "0")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("must be from 1 to 16").hasMessageContaining("Ahu.yaml:12");
    }

    @Test
    void requiresAnObjectOnEveryPoint() {
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of()))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("\"object\" is required");
    }

    @Test
    void suggestsTheObjectTypeMeantByAMisspelling() {
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", "analog-valu:1")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("analog-value");
    }

    @Test
    void refusesAnObjectWithoutInstance() {
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", "AV")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("must be an object such as analog-value:1");
    }

    @Test
    void refusesAnUnknownProperty() {
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", "AV1", "property", "present-valu")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("present-value");
    }

    @Test
    void refusesAnUnknownPointOptionWithAHint() {
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", "AV1", "priorty", "8")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("unknown bacnet option").hasMessageContaining("priority");
    }

    @Test
    void relinquishNeedsADigitalPointOnAnOutputOrValue() {
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.REAL, Map.of("object", "AV1", "relinquish", "yes")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("type digital");
        assertThatThrownBy(() -> factory.validate(withPoint(point("P", PointType.DIGITAL, Map.of("object", "AI1", "relinquish", "yes")))))
                .isInstanceOf(ProjectException.class).hasMessageContaining("not an input");
    }
}
