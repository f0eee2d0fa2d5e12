package io.vakt.driver.modbus;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plans the read requests of a poll cycle: points of the same unit and table are merged into one request
 * while the registers (or bits) wasted between them stay within {@code maxGap} and the request within the
 * table's limit ({@code maxBlock} / {@code maxBitBlock}, at most 125 registers or 2000 bits). Points listed
 * in {@code alone} get a request of their own: they sat in a block the device refused (exception 02), so one
 * of its gaps does not exist.
 */
public final class BlockPlanner {
    private final int maxGap;
    private final ModbusSettings settings;

    public BlockPlanner(ModbusSettings settings) {
        this.settings = settings;
        this.maxGap = settings.maxGap();
    }

    public List<ReadBlock> plan(List<ModbusPoint> points, Set<ModbusPoint> alone) {
        Map<String, List<ModbusPoint>> groups = new LinkedHashMap<>();
        List<ReadBlock> blocks = new ArrayList<>();
        for (ModbusPoint point : points) {
            if (alone.contains(point)) blocks.add(ReadBlock.of(point));
            else groups.computeIfAbsent(point.unitId() + "/" + point.table(), key -> new ArrayList<>()).add(point);
        }
        for (List<ModbusPoint> group : groups.values()) {
            group.sort(Comparator.comparingInt(ModbusPoint::address).thenComparingInt(ModbusPoint::lastAddress));
            int limit = settings.maxItems(group.getFirst().table());
            List<ModbusPoint> current = new ArrayList<>();
            int first = 0;
            int last = -1;
            for (ModbusPoint point : group) {
                boolean fits = !current.isEmpty()
                        && point.address() - last - 1 <= maxGap
                        && Math.max(last, point.lastAddress()) - first + 1 <= limit;
                if (!fits && !current.isEmpty()) {
                    blocks.add(block(current, first, last));
                    current = new ArrayList<>();
                }
                if (current.isEmpty()) {
                    first = point.address();
                    last = point.lastAddress();
                } else {
                    last = Math.max(last, point.lastAddress());
                }
                current.add(point);
            }
            if (!current.isEmpty()) blocks.add(block(current, first, last));
        }
        return blocks;
    }

    private static ReadBlock block(List<ModbusPoint> points, int first, int last) {
        ModbusPoint any = points.getFirst();
        return new ReadBlock(any.unitId(), any.table(), first, last - first + 1, points);
    }
}
