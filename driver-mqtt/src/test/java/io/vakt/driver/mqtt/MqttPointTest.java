package io.vakt.driver.mqtt;

import io.vakt.core.model.PointType;
import io.vakt.core.project.ProjectException;
import org.junit.jupiter.api.Test;

import static io.vakt.driver.mqtt.Fixtures.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttPointTest {

    @Test
    void topicIsRequired() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false)))
                .isInstanceOf(ProjectException.class)
                .hasMessage("controllers/Broker.yaml:7: mqtt option of point T \"topic\" is required");
    }

    @Test
    void wildcardTopicIsRejected() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false, "topic", "site/+/temp")))
                .hasMessageContaining("topic \"site/+/temp\" must be one exact topic");
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false, "topic", "site/#")))
                .hasMessageContaining("wildcards");
    }

    @Test
    void wildcardCommandTopicIsRejected() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, true, "topic", "s", "commandTopic", "c/#")))
                .hasMessageContaining("commandTopic \"c/#\" must be one exact topic");
    }

    @Test
    void writablePointWithoutCommandTopicIsRejected() {
        assertThatThrownBy(() -> MqttPoint.compile(point("SP", PointType.REAL, true, "topic", "s")))
                .hasMessageContaining("commandTopic \"\" is required for a writable point");
    }

    @Test
    void commandTopicOnAReadOnlyPointIsRejected() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false, "topic", "s", "commandTopic", "c")))
                .hasMessageContaining("is given but the point is not writable: yes");
    }

    @Test
    void commandFormatWithoutCommandTopicIsRejected() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false, "topic", "s", "commandFormat", "json")))
                .hasMessageContaining("commandFormat \"json\" needs a commandTopic");
    }

    @Test
    void unknownCommandFormatIsRejected() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, true, "topic", "s", "commandTopic", "c",
                "commandFormat", "xml"))).hasMessageContaining("must be one of plain, json");
    }

    @Test
    void badFieldPathIsRejectedWithItsReason() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false, "topic", "s", "field", "a..b")))
                .hasMessageContaining("field \"a..b\" has an empty name");
    }

    @Test
    void unknownOptionIsRejectedWithAHint() {
        assertThatThrownBy(() -> MqttPoint.compile(point("T", PointType.REAL, false, "topic", "s", "topik", "x")))
                .hasMessageContaining("unknown mqtt option of point T \"topik\"");
    }

    @Test
    void writablePointKeepsItsCommandOptions() {
        MqttPoint compiled = MqttPoint.compile(point("SP", PointType.REAL, true, "topic", "s", "commandTopic", "c",
                "commandFormat", "JSON", "commandRetain", "yes"));
        assertThat(compiled.commandTopic()).isEqualTo("c");
        assertThat(compiled.commandFormat()).isEqualTo(MqttPoint.CommandFormat.JSON);
        assertThat(compiled.commandRetain()).isTrue();
    }
}
