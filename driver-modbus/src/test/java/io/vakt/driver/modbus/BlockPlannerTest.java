package io.vakt.driver.modbus;

import io.vakt.core.model.Controller;
import io.vakt.core.model.PointType;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BlockPlannerTest {

    private static List<String> plan(TestController builder, Set<String> alone) {
        Controller controller = builder.build();
        ModbusSettings settings = ModbusSettings.of(controller);
        List<ModbusPoint> points = controller.points().stream().map(p -> ModbusPoint.of(p, settings)).toList();
        Set<ModbusPoint> aloneSet = new java.util.HashSet<>();
        for (ModbusPoint point : points) if (alone.contains(point.point().address())) aloneSet.add(point);
        return new BlockPlanner(settings).plan(points, aloneSet).stream()
                .map(b -> b.describe() + " " + b.points().stream().map(p -> p.point().address()).toList()).toList();
    }

    @Test
    void mergesNeighboursWithinMaxGapIntoOneRequest() {
        assertThat(plan(TestController.at(502).setting("maxGap", "4")
                .point("A", PointType.INTEGER, false, "register", "holding:10")
                .point("B", PointType.REAL, false, "register", "holding:11", "format", "float32")
                .point("C", PointType.INTEGER, false, "register", "holding:17"), Set.of()))
                .containsExactly("holding:10-17 on unit 1 [A, B, C]");
    }

    @Test
    void startsANewRequestWhenTheGapExceedsMaxGap() {
        assertThat(plan(TestController.at(502).setting("maxGap", "4")
                .point("A", PointType.INTEGER, false, "register", "holding:10")
                .point("C", PointType.INTEGER, false, "register", "holding:16"), Set.of()))
                .containsExactly("holding:10 on unit 1 [A]", "holding:16 on unit 1 [C]");
    }

    @Test
    void neverAsksForMoreThanMaxBlock() {
        assertThat(plan(TestController.at(502).setting("maxBlock", "4")
                .point("A", PointType.INTEGER, false, "register", "holding:0")
                .point("B", PointType.INTEGER, false, "register", "holding:3")
                .point("C", PointType.REAL, false, "register", "holding:4", "format", "float32"), Set.of()))
                .containsExactly("holding:0-3 on unit 1 [A, B]", "holding:4-5 on unit 1 [C]");
    }

    @Test
    void neverAsksForMoreThan125Registers() {
        assertThat(plan(TestController.at(502).setting("maxGap", "124")
                .point("A", PointType.INTEGER, false, "register", "input:0")
                .point("B", PointType.INTEGER, false, "register", "input:124")
                .point("C", PointType.INTEGER, false, "register", "input:125"), Set.of()))
                .containsExactly("input:0-124 on unit 1 [A, B]", "input:125 on unit 1 [C]");
    }

    @Test
    void limitsBitTablesByMaxBitBlock() {
        assertThat(plan(TestController.at(502).setting("maxBitBlock", "10").setting("maxBlock", "2")
                .point("D", PointType.DIGITAL, false, "register", "coil:0")
                .point("E", PointType.DIGITAL, false, "register", "coil:9")
                .point("F", PointType.DIGITAL, false, "register", "coil:10"), Set.of()))
                .containsExactly("coil:0-9 on unit 1 [D, E]", "coil:10 on unit 1 [F]");
    }

    @Test
    void keepsUnitsAndTablesApart() {
        assertThat(plan(TestController.at(502)
                .point("A", PointType.INTEGER, false, "register", "holding:0")
                .point("B", PointType.INTEGER, false, "register", "holding:1", "unitId", "2")
                .point("C", PointType.INTEGER, false, "register", "input:1")
                .point("D", PointType.DIGITAL, false, "register", "coil:1")
                .point("E", PointType.DIGITAL, false, "register", "discrete:1"), Set.of()))
                .containsExactly("holding:0 on unit 1 [A]", "holding:1 on unit 2 [B]", "input:1 on unit 1 [C]",
                        "coil:1 on unit 1 [D]", "discrete:1 on unit 1 [E]");
    }

    @Test
    void sortsByAddressWhateverTheFileOrder() {
        assertThat(plan(TestController.at(502)
                .point("B", PointType.INTEGER, false, "register", "holding:5")
                .point("A", PointType.INTEGER, false, "register", "holding:2"), Set.of()))
                .containsExactly("holding:2-5 on unit 1 [A, B]");
    }

    @Test
    void bitFieldsOfOneRegisterShareItsRead() {
        assertThat(plan(TestController.at(502)
                .point("B0", PointType.DIGITAL, false, "register", "holding:7", "bit", "0")
                .point("B3", PointType.DIGITAL, false, "register", "holding:7", "bit", "3"), Set.of()))
                .containsExactly("holding:7 on unit 1 [B0, B3]");
    }

    @Test
    void readsPointsMarkedAloneOnTheirOwn() {
        assertThat(plan(TestController.at(502)
                .point("A", PointType.INTEGER, false, "register", "holding:0")
                .point("B", PointType.INTEGER, false, "register", "holding:1"), Set.of("A", "B")))
                .containsExactly("holding:0 on unit 1 [A]", "holding:1 on unit 1 [B]");
    }
}
