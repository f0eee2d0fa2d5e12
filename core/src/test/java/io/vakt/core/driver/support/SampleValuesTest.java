package io.vakt.core.driver.support;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SampleValuesTest {
    private static Point point(PointType type) { return new Point("P", type, "", false, null, null, "", null, null); }

    @Test
    void numbersBecomeTheTypesValue() {
        assertThat(SampleValues.fromNumber(point(PointType.REAL), 21.5)).isEqualTo(21.5);
        assertThat(SampleValues.fromNumber(point(PointType.INTEGER), 41.6)).isEqualTo(42L);
        assertThat(SampleValues.fromNumber(point(PointType.DIGITAL), 7)).isEqualTo(1L);
        assertThat(SampleValues.fromNumber(point(PointType.DIGITAL), 0)).isEqualTo(0L);
        assertThat(SampleValues.fromNumber(point(PointType.STRING), 3)).isEqualTo("3");
        assertThat(SampleValues.fromBoolean(point(PointType.DIGITAL), true)).isEqualTo(1L);
        assertThat(SampleValues.fromBoolean(point(PointType.STRING), false)).isEqualTo("false");
    }

    @Test
    void textIsParsedByType() {
        assertThat(SampleValues.fromText(point(PointType.REAL), " 21.25 ")).isEqualTo(21.25);
        assertThat(SampleValues.fromText(point(PointType.DIGITAL), "ON")).isEqualTo(1L);
        assertThat(SampleValues.fromText(point(PointType.DIGITAL), "false")).isEqualTo(0L);
        assertThat(SampleValues.fromText(point(PointType.STRING), " as is ")).isEqualTo(" as is ");
        assertThatThrownBy(() -> SampleValues.fromText(point(PointType.REAL), "warm"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("\"warm\" is not a number");
        assertThatThrownBy(() -> SampleValues.fromText(point(PointType.REAL), "NaN")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writtenValuesBecomeNumbersOrAreRefusedAsInvalid() {
        assertThat(SampleValues.toNumber(3L)).isEqualTo(3.0);
        assertThat(SampleValues.toNumber("2.5")).isEqualTo(2.5);
        assertThat(SampleValues.toNumber(Boolean.TRUE)).isEqualTo(1.0);
        assertThatThrownBy(() -> SampleValues.toNumber("high"))
                .isInstanceOfSatisfying(VaktException.class, e -> assertThat(e.fault()).isEqualTo(Fault.INVALID_VALUE));
    }
}
