package io.vakt.driver.modbus.scan;

import java.time.Duration;
import java.util.List;

/**
 * What {@code vakt scan modbus} asks for: which device or gateway, which unit ids to probe, which ranges of
 * which tables to read on each unit that answers, and how long to wait for each answer.
 */
public record ModbusScanRequest(String host, int port, List<Integer> unitIds, List<RegisterRange> ranges, Duration timeout) {
    public ModbusScanRequest {
        unitIds = List.copyOf(unitIds);
        ranges = List.copyOf(ranges);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port must be from 1 to 65535");
        for (int unit : unitIds) {
            if (unit < 0 || unit > 255) throw new IllegalArgumentException("unit id " + unit + " must be from 0 to 255");
        }
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
    }
}
