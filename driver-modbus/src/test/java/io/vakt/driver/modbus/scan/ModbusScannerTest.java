package io.vakt.driver.modbus.scan;

import io.vakt.core.driver.scan.ScanProgress;
import io.vakt.core.driver.scan.ScannedController;
import io.vakt.core.driver.scan.ScannedPoint;
import io.vakt.driver.modbus.Table;
import io.vakt.driver.modbus.TestDevices;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModbusScannerTest {

    @Test
    void parsesRanges() {
        assertThat(RegisterRange.parse("holding:0-99")).isEqualTo(new RegisterRange(Table.HOLDING, 0, 99));
        assertThat(RegisterRange.parse("coil:0-15")).isEqualTo(new RegisterRange(Table.COIL, 0, 15));
        assertThat(RegisterRange.parse(" ir : 7 ")).isEqualTo(new RegisterRange(Table.INPUT, 7, 7));
    }

    @Test
    void refusesRangesWithoutTable() {
        assertThatThrownBy(() -> RegisterRange.parse("0-99")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("e.g. holding:0-99");
    }

    @Test
    void refusesUnknownTables() {
        assertThatThrownBy(() -> RegisterRange.parse("memory:0-9")).hasMessageContaining("\"memory\" is no table");
    }

    @Test
    void refusesReversedOrTooLargeRanges() {
        assertThatThrownBy(() -> RegisterRange.parse("holding:9-1")).hasMessageContaining("first before last");
        assertThatThrownBy(() -> RegisterRange.parse("holding:0-65536")).hasMessageContaining("0-65535");
    }

    @Test
    void findsPresentUnitsAndTheRegistersTheyHaveSplittingRefusedBlocks() throws Exception {
        try (var device = TestDevices.start(1)) {
            device.hole(1, 3);
            device.setHolding(1, 2, 1234);
            List<String> progress = new ArrayList<>();
            AtomicLong lastDone = new AtomicLong();
            ModbusScanner scanner = new ModbusScanner(new ModbusScanRequest("127.0.0.1", device.port(), List.of(1, 2),
                    List.of(RegisterRange.parse("holding:0-9"), RegisterRange.parse("holding:95-104"),
                            RegisterRange.parse("coil:0-3")), Duration.ofMillis(300)));
            List<ScannedController> found = scanner.scan(new ScanProgress() {
                @Override
                public void progress(long done, long total, String current) {
                    assertThat(done).isLessThanOrEqualTo(total).isGreaterThanOrEqualTo(lastDone.get());
                    lastDone.set(done);
                }

                @Override
                public void found(ScannedController controller) { progress.add(controller.suggestedName()); }
            });
            assertThat(progress).containsExactly("Unit1");
            assertThat(found).hasSize(1);
            ScannedController unit = found.getFirst();
            assertThat(unit.settings()).containsEntry("host", "127.0.0.1").containsEntry("unitId", "1");
            assertThat(unit.points()).extracting(ScannedPoint::address).containsExactly(
                    "HR0", "HR1", "HR2", "HR4", "HR5", "HR6", "HR7", "HR8", "HR9",
                    "HR95", "HR96", "HR97", "HR98", "HR99", "C0", "C1", "C2", "C3");
            ScannedPoint hr2 = unit.points().get(2);
            assertThat(hr2.options()).containsEntry("register", "holding:2").containsEntry("unitId", "1");
            assertThat(hr2.sample()).isEqualTo("1234");
        }
    }

    @Test
    void aDeviceThatIsNotThereIsAClearError() throws Exception {
        int port = TestDevices.freePort();
        ModbusScanner scanner = new ModbusScanner(new ModbusScanRequest("127.0.0.1", port, List.of(1),
                List.of(RegisterRange.parse("holding:0-9")), Duration.ofMillis(300)));
        assertThatThrownBy(() -> scanner.scan(ScanProgress.SILENT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }
}
