package io.vakt.driver.modbus;

import io.vakt.core.model.Controller;
import io.vakt.core.project.ProjectLoader;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The controller file of docs/drivers.md ("Modbus TCP") loads through the real project loader and validates. */
class ExampleProjectTest {

    @Test
    void theDocumentedExampleLoadsAndValidates() throws URISyntaxException {
        Path project = Path.of(getClass().getResource("/example/project.yaml").toURI()).getParent();
        ModbusDriverFactory factory = new ModbusDriverFactory();
        Controller plant = new ProjectLoader(Map.of("modbus", factory)).load(project).project().controllers().getFirst();
        factory.validate(plant);
        ModbusSettings settings = ModbusSettings.of(plant);
        List<ModbusPoint> points = plant.points().stream().map(p -> ModbusPoint.of(p, settings)).toList();
        assertThat(points).extracting(ModbusPoint::unitId).containsExactly(1, 1, 1, 1, 1, 3, 3);
        assertThat(points.get(1).format()).isEqualTo(Format.FLOAT32);
        assertThat(points.get(1).order()).isEqualTo(Order.CDAB);
        assertThat(points.get(4).format()).isEqualTo(Format.BIT);
        assertThat(points.get(4).bit()).isEqualTo(3);
    }
}
