package io.vakt.driver.bacnet;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.driver.bacnet.codec.BacnetValue;
import io.vakt.driver.bacnet.codec.PropertyIds;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How property values become samples and written values become BACnet values, per object kind. */
class BacnetPointTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private static final BacnetSettings SETTINGS = BacnetSettings.of(new Controller("C", "", "bacnet", Map.of("device", "1"), List.of(), SourceRef.UNKNOWN));

    private static BacnetPoint point(PointType type, Map<String, String> options) {
        return BacnetPoint.of(new Point("P", type, "", true, null, null, "", options, SourceRef.UNKNOWN), SETTINGS);
    }

    private static Object value(BacnetPoint point, BacnetValue value) {
        Sample sample = point.sample(List.of(value), NOW);
        assertThat(sample.status()).isEqualTo(SampleStatus.GOOD);
        return sample.value();
    }

    @Test
    void analogReadsAsTheRealsShortestDecimal() {
        assertThat(value(point(PointType.REAL, Map.of("object", "AV1")), new BacnetValue.Real(21.3f))).isEqualTo(21.3);
    }

    @Test
    void binaryReadsAsZeroOrOneAndMultiStateAsItsStateNumber() {
        assertThat(value(point(PointType.DIGITAL, Map.of("object", "BV1")), new BacnetValue.Enumerated(1))).isEqualTo(1L);
        assertThat(value(point(PointType.INTEGER, Map.of("object", "MV1")), new BacnetValue.Unsigned(3))).isEqualTo(3L);
    }

    @Test
    void statusFlagsReadAsABitMask() {
        BacnetPoint flags = point(PointType.INTEGER, Map.of("object", "AI1", "property", "status-flags"));
        assertThat(flags.reference().property()).isEqualTo(PropertyIds.STATUS_FLAGS);
        assertThat(value(flags, new BacnetValue.BitString(List.of(false, true, false, true)))).isEqualTo(10L);
    }

    @Test
    void aRelinquishSwitchReadsOneForAnEmptyPrioritySlot() {
        BacnetPoint free = point(PointType.DIGITAL, Map.of("object", "AV1", "priority", "5", "relinquish", "yes"));
        assertThat(free.reference().property()).isEqualTo(PropertyIds.PRIORITY_ARRAY);
        assertThat(free.reference().arrayIndex()).isEqualTo(5);
        assertThat(value(free, BacnetValue.Null.INSTANCE)).isEqualTo(1L);
        assertThat(value(free, new BacnetValue.Real(22f))).isEqualTo(0L);
    }

    @Test
    void aValueOfNoUsableTypeIsAnError() {
        BacnetPoint analog = point(PointType.REAL, Map.of("object", "AV1"));
        assertThat(analog.sample(List.of(new BacnetValue.Date(2026, 1, 1, 4)), NOW).status()).isEqualTo(SampleStatus.ERROR);
        assertThat(analog.sample(List.of(), NOW).status()).isEqualTo(SampleStatus.ERROR);
    }

    @Test
    void writesEncodeAsRealEnumeratedOrUnsignedByObjectKind() {
        assertThat(point(PointType.REAL, Map.of("object", "AO1")).encode(23.5)).isEqualTo(new BacnetValue.Real(23.5f));
        assertThat(point(PointType.DIGITAL, Map.of("object", "BO1")).encode(1L)).isEqualTo(new BacnetValue.Enumerated(1));
        assertThat(point(PointType.INTEGER, Map.of("object", "MO1")).encode(4L)).isEqualTo(new BacnetValue.Unsigned(4));
    }

    @Test
    void refusesBinaryValuesOtherThanZeroAndOne() {
        assertThatThrownBy(() -> point(PointType.INTEGER, Map.of("object", "BO1")).encode(2L))
                .isInstanceOf(VaktException.class).satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(Fault.OUT_OF_RANGE));
    }

    @Test
    void refusesMultiStateValuesBelowOne() {
        assertThatThrownBy(() -> point(PointType.INTEGER, Map.of("object", "MV1")).encode(0L))
                .isInstanceOf(VaktException.class).hasMessageContaining("state number from 1");
    }
}
