package io.vakt.driver.mqtt;

import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.PointType;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.ServiceLoader;

import static io.vakt.driver.mqtt.Fixtures.controller;
import static io.vakt.driver.mqtt.Fixtures.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttDriverFactoryTest {

    @Test
    void factoryIsFoundByTheServiceLoaderUnderItsName() {
        assertThat(ServiceLoader.load(DriverFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(factory -> factory.name().equals("mqtt")).findFirst())
                .get().isInstanceOf(MqttDriverFactory.class);
    }

    @Test
    void validControllerPassesValidation() {
        assertThatCode(() -> new MqttDriverFactory().validate(controller(Map.of("url", "mqtt://127.0.0.1:1883"),
                point("Temp", PointType.REAL, false, "topic", "dev/ahu/temp"),
                point("SP", PointType.REAL, true, "topic", "dev/sp/state", "commandTopic", "dev/sp/cmd"))))
                .doesNotThrowAnyException();
    }

    @Test
    void validationNamesTheBadSettingsLine() {
        assertThatThrownBy(() -> new MqttDriverFactory().validate(controller(Map.of("url", "http://x"),
                point("Temp", PointType.REAL, false, "topic", "t"))))
                .isInstanceOf(ProjectException.class)
                .hasMessageStartingWith("controllers/Broker.yaml:3: mqtt setting url \"http://x\"");
    }

    @Test
    void validationChecksEveryPoint() {
        assertThatThrownBy(() -> new MqttDriverFactory().validate(controller(Map.of("url", "mqtt://h"),
                point("Temp", PointType.REAL, false, "topic", "t"),
                point("Bad", PointType.REAL, false, "topic", "a/#"))))
                .isInstanceOf(ProjectException.class)
                .hasMessageContaining("point Bad").hasMessageContaining("wildcards");
    }
}
