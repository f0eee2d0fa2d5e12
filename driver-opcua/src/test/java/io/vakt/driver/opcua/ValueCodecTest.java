package io.vakt.driver.opcua;

import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading maps status codes to sample statuses; writing encodes exactly the variable's data type. */
class ValueCodecTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void goodValuesTakeThePointsType() {
        assertThat(ValueCodec.sample(point(PointType.REAL), new DataValue(new Variant(21.5)), NOW).value()).isEqualTo(21.5);
        assertThat(ValueCodec.sample(point(PointType.INTEGER), new DataValue(new Variant(UInteger.valueOf(7))), NOW).value()).isEqualTo(7L);
        assertThat(ValueCodec.sample(point(PointType.DIGITAL), new DataValue(new Variant(true)), NOW).value()).isEqualTo(1L);
        assertThat(ValueCodec.sample(point(PointType.STRING), new DataValue(new Variant("on")), NOW).value()).isEqualTo("on");
        assertThat(ValueCodec.sample(point(PointType.STRING), new DataValue(new Variant(12)), NOW).value()).isEqualTo("12");
    }

    @Test
    void nodeIdUnknownIsNotExist() {
        assertThat(ValueCodec.sample(point(PointType.REAL), new DataValue(StatusCode.of(StatusCodes.Bad_NodeIdUnknown)), NOW).status())
                .isEqualTo(SampleStatus.NOT_EXIST);
    }

    @Test
    void otherBadAndUncertainStatusesAreErrors() {
        assertThat(ValueCodec.sample(point(PointType.REAL), new DataValue(StatusCode.of(StatusCodes.Bad_NotReadable)), NOW).status())
                .isEqualTo(SampleStatus.ERROR);
        assertThat(ValueCodec.sample(point(PointType.REAL), new DataValue(new Variant(1.0), StatusCode.UNCERTAIN), NOW).status())
                .isEqualTo(SampleStatus.ERROR);
    }

    @Test
    void arraysAreErrors() {
        assertThat(ValueCodec.sample(point(PointType.REAL), new DataValue(new Variant(new Double[] {1.0})), NOW).status())
                .isEqualTo(SampleStatus.ERROR);
    }

    @Test
    void encodesEachBuiltInType() {
        assertThat(ValueCodec.encode(23.5, OpcUaDataType.Double, "P").getValue()).isEqualTo(23.5);
        assertThat(ValueCodec.encode(2.25, OpcUaDataType.Float, "P").getValue()).isEqualTo(2.25f);
        assertThat(ValueCodec.encode(12L, OpcUaDataType.Int32, "P").getValue()).isEqualTo(12);
        assertThat(ValueCodec.encode(-5L, OpcUaDataType.Int16, "P").getValue()).isEqualTo((short) -5);
        assertThat(ValueCodec.encode(65535L, OpcUaDataType.UInt16, "P").getValue()).isEqualTo(UShort.valueOf(65535));
        assertThat(ValueCodec.encode(4_000_000_000L, OpcUaDataType.UInt32, "P").getValue()).isEqualTo(UInteger.valueOf(4_000_000_000L));
        assertThat(ValueCodec.encode(1L, OpcUaDataType.Boolean, "P").getValue()).isEqualTo(true);
        assertThat(ValueCodec.encode("false", OpcUaDataType.Boolean, "P").getValue()).isEqualTo(false);
        assertThat(ValueCodec.encode(7.0, OpcUaDataType.String, "P").getValue()).isEqualTo("7");
    }

    @Test
    void rejectsFractionsForIntegerVariables() {
        assertFault(() -> ValueCodec.encode(2.5, OpcUaDataType.Int32, "P"), Fault.INVALID_VALUE, "is not a whole number");
    }

    @Test
    void rejectsValuesOutsideTheIntegerType() {
        assertFault(() -> ValueCodec.encode(70000L, OpcUaDataType.Int16, "P"), Fault.OUT_OF_RANGE, "outside -32768 to 32767");
        assertFault(() -> ValueCodec.encode(-1L, OpcUaDataType.UInt32, "P"), Fault.OUT_OF_RANGE, "outside 0 to 4294967295");
    }

    @Test
    void rejectsBooleansOtherThanZeroAndOne() {
        assertFault(() -> ValueCodec.encode(2L, OpcUaDataType.Boolean, "P"), Fault.OUT_OF_RANGE, "neither 0 nor 1");
    }

    @Test
    void rejectsTextForNumericVariables() {
        assertFault(() -> ValueCodec.encode("warm", OpcUaDataType.Double, "P"), Fault.INVALID_VALUE, "is not a number");
    }

    @Test
    void rejectsTypesVaktCannotWrite() {
        assertFault(() -> ValueCodec.encode(1.0, OpcUaDataType.Guid, "P"), Fault.INVALID_VALUE, "cannot be written");
    }

    @Test
    void statusNamesComeFromTheSpecification() {
        assertThat(StatusNames.name(StatusCode.of(StatusCodes.Bad_NotWritable))).isEqualTo("Bad_NotWritable");
        assertThat(StatusNames.describe(StatusCode.of(StatusCodes.Bad_TypeMismatch))).startsWith("Bad_TypeMismatch (");
    }

    private static void assertFault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Fault fault, String message) {
        assertThatThrownBy(call).isInstanceOf(VaktException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((VaktException) e).fault()).isEqualTo(fault));
    }

    private static Point point(PointType type) {
        return new Point("P", type, "", true, null, null, "", Map.of("node", "ns=2;s=P"), null);
    }
}
