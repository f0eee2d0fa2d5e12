package io.vakt.driver.modbus;

import io.vakt.core.driver.support.LinkSettings;
import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Controller;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code settings:} of one Modbus TCP controller file (docs/drivers.md, "Modbus TCP").
 *
 * @param host          the device or gateway to connect to
 * @param port          its TCP port
 * @param unitId        the unit id of points that name none
 * @param link          timeout and reconnect back-off
 * @param intervals     poll interval of each poll group
 * @param maxGap        unused registers (or bits) a block read may span to merge two neighbours
 * @param maxBlock      registers one read may ask for (at most 125)
 * @param maxBitBlock   coils or discrete inputs one read may ask for (at most 2000)
 * @param writeMultiple write single registers with function 16 instead of 6 (for devices without 6)
 */
public record ModbusSettings(String host, int port, int unitId, LinkSettings link, Map<Poll, Duration> intervals,
                             int maxGap, int maxBlock, int maxBitBlock, boolean writeMultiple) {
    static final List<String> KEYS = LinkSettings.withKeys(List.of("host", "port", "unitId", "pollFast", "pollNormal",
            "pollSlow", "maxGap", "maxBlock", "maxBitBlock", "writeMultiple"));
    private static final Duration MIN_INTERVAL = Duration.ofMillis(20);
    private static final Duration MAX_INTERVAL = Duration.ofHours(1);

    public ModbusSettings {
        intervals = Map.copyOf(intervals);
    }

    /** @throws io.vakt.core.project.ProjectException naming the line of the first bad setting */
    public static ModbusSettings of(Controller controller) {
        SettingReader reader = SettingReader.settings(controller, ModbusDriverFactory.NAME, KEYS);
        String host = reader.required("host");
        int port = reader.integer("port", 502, 1, 65535);
        int unitId = reader.integer("unitId", 1, 0, 255);
        LinkSettings link = LinkSettings.read(reader);
        Map<Poll, Duration> intervals = new EnumMap<>(Poll.class);
        intervals.put(Poll.FAST, reader.duration("pollFast", Duration.ofMillis(250), MIN_INTERVAL, MAX_INTERVAL));
        intervals.put(Poll.NORMAL, reader.duration("pollNormal", Duration.ofSeconds(1), MIN_INTERVAL, MAX_INTERVAL));
        intervals.put(Poll.SLOW, reader.duration("pollSlow", Duration.ofSeconds(10), MIN_INTERVAL, MAX_INTERVAL));
        int maxGap = reader.integer("maxGap", 16, 0, 124);
        int maxBlock = reader.integer("maxBlock", Table.HOLDING.maxPerRead(), 1, Table.HOLDING.maxPerRead());
        int maxBitBlock = reader.integer("maxBitBlock", Table.COIL.maxPerRead(), 1, Table.COIL.maxPerRead());
        boolean writeMultiple = reader.yesNo("writeMultiple", false);
        return new ModbusSettings(host, port, unitId, link, intervals, maxGap, maxBlock, maxBitBlock, writeMultiple);
    }

    /** The most items of {@code table} one read may ask for. */
    public int maxItems(Table table) { return table.bits() ? maxBitBlock : maxBlock; }

    /** {@code host:port}, as the log names the peer. */
    public String peer() { return host + ":" + port; }
}
