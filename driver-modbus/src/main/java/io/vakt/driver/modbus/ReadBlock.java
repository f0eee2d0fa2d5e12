package io.vakt.driver.modbus;

import java.util.List;

/**
 * One read request: {@code count} items of {@code table} from {@code first} on unit {@code unitId}, and the
 * points whose values it carries.
 */
public record ReadBlock(int unitId, Table table, int first, int count, List<ModbusPoint> points) {
    public ReadBlock {
        points = List.copyOf(points);
    }

    /** The block that reads one point alone. */
    public static ReadBlock of(ModbusPoint point) {
        return new ReadBlock(point.unitId(), point.table(), point.address(), point.width(), List.of(point));
    }

    /** {@code holding:100-109 on unit 1}, for log lines. */
    public String describe() {
        return table.label() + ":" + first + (count > 1 ? "-" + (first + count - 1) : "") + " on unit " + unitId;
    }
}
