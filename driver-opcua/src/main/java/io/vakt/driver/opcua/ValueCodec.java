package io.vakt.driver.opcua;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.SampleValues;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.PointValues;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

import java.math.BigInteger;
import java.time.Instant;

/**
 * Converts between OPC UA values and point values. Reading: Good → the value in the point's type;
 * Bad_NodeIdUnknown (and Bad_NodeIdInvalid) → NOT_EXIST; any other Bad or Uncertain status → ERROR, because a
 * value the server itself doubts should not drive a building. Writing: the point's value encoded as the
 * variable's own data type, refusing what that type cannot hold rather than letting the server coerce it.
 */
final class ValueCodec {
    private ValueCodec() {}

    static Sample sample(Point point, DataValue value, Instant now) {
        StatusCode status = value.statusCode() == null ? StatusCode.GOOD : value.statusCode();
        long code = status.getValue() & 0xFFFF0000L;
        if (code == StatusCodes.Bad_NodeIdUnknown || code == StatusCodes.Bad_NodeIdInvalid) {
            return new Sample(null, SampleStatus.NOT_EXIST, now);
        }
        if (!status.isGood()) return new Sample(null, SampleStatus.ERROR, now);
        Variant variant = value.value();
        if (variant == null || variant.isNull()) return new Sample(null, SampleStatus.ERROR, now);
        try {
            return Sample.good(pointValue(point, variant.getValue()), now);
        } catch (IllegalArgumentException notConvertible) {
            return new Sample(null, SampleStatus.ERROR, now);
        }
    }

    /** A field value as the point's value; arrays and structures are not point values. */
    static Object pointValue(Point point, Object raw) {
        if (raw instanceof Boolean flag) return SampleValues.fromBoolean(point, flag);
        if (raw instanceof Number number) {
            if (point.type() == PointType.STRING) return PointValues.format(exactNumber(number));
            return SampleValues.fromNumber(point, number.doubleValue());
        }
        if (raw instanceof String text) return SampleValues.fromText(point, text);
        if (raw instanceof LocalizedText text) return SampleValues.fromText(point, text.text() == null ? "" : text.text());
        if (raw != null && raw.getClass().isArray()) throw new IllegalArgumentException("arrays are not supported");
        if (point.type() == PointType.STRING && raw != null) return raw.toString();
        throw new IllegalArgumentException("unsupported value " + raw);
    }

    private static Object exactNumber(Number number) {
        if (number instanceof Double || number instanceof Float) return number.doubleValue();
        return number.longValue();
    }

    /**
     * Encodes a written point value ({@link Double}, {@link Long} or {@link String}) as {@code type}.
     *
     * @throws VaktException INVALID_VALUE when the value is no value of that type, OUT_OF_RANGE when it does not fit
     */
    static Variant encode(Object written, OpcUaDataType type, String what) {
        return switch (type) {
            case Boolean -> Variant.ofBoolean(bool(written, what));
            case SByte -> Variant.ofSByte((byte) whole(written, Byte.MIN_VALUE, Byte.MAX_VALUE, type, what));
            case Byte -> Variant.ofByte(UByte.valueOf(whole(written, 0, 255, type, what)));
            case Int16 -> Variant.ofInt16((short) whole(written, Short.MIN_VALUE, Short.MAX_VALUE, type, what));
            case UInt16 -> Variant.ofUInt16(UShort.valueOf((int) whole(written, 0, 65535, type, what)));
            case Int32 -> Variant.ofInt32((int) whole(written, Integer.MIN_VALUE, Integer.MAX_VALUE, type, what));
            case UInt32 -> Variant.ofUInt32(UInteger.valueOf(whole(written, 0, 0xFFFF_FFFFL, type, what)));
            case Int64 -> Variant.ofInt64(whole(written, Long.MIN_VALUE, Long.MAX_VALUE, type, what));
            case UInt64 -> Variant.ofUInt64(ULong.valueOf(BigInteger.valueOf(whole(written, 0, Long.MAX_VALUE, type, what))));
            case Float -> Variant.ofFloat(toFloat(written, what));
            case Double -> Variant.ofDouble(SampleValues.toNumber(written));
            case String -> Variant.ofString(PointValues.format(written));
            case LocalizedText -> new Variant(LocalizedText.english(PointValues.format(written)));
            default -> throw Fault.INVALID_VALUE.exception(what + ": the variable's data type " + type
                    + " cannot be written by Vakt");
        };
    }

    private static boolean bool(Object written, String what) {
        if (written instanceof String text) {
            switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "true", "on", "1" -> { return true; }
                case "false", "off", "0" -> { return false; }
                default -> throw Fault.INVALID_VALUE.exception(what + ": \"" + text + "\" is not true/false (Boolean variable)");
            }
        }
        double number = SampleValues.toNumber(written);
        if (number == 0) return false;
        if (number == 1) return true;
        throw Fault.OUT_OF_RANGE.exception(what + ": " + PointValues.format(written) + " is neither 0 nor 1 (Boolean variable)");
    }

    private static long whole(Object written, long min, long max, OpcUaDataType type, String what) {
        double number = SampleValues.toNumber(written);
        if (number != Math.rint(number)) {
            throw Fault.INVALID_VALUE.exception(what + ": " + PointValues.format(written) + " is not a whole number ("
                    + type + " variable)");
        }
        if (number < min || number > max) {
            throw Fault.OUT_OF_RANGE.exception(what + ": " + PointValues.format(written) + " is outside " + min + " to "
                    + max + " (" + type + " variable)");
        }
        return (long) number;
    }

    private static float toFloat(Object written, String what) {
        double number = SampleValues.toNumber(written);
        if (Math.abs(number) > Float.MAX_VALUE) {
            throw Fault.OUT_OF_RANGE.exception(what + ": " + PointValues.format(written) + " does not fit a Float variable");
        }
        return (float) number;
    }
}
