package io.vakt.core.simulator;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointValues;

/**
 * Converts a written value to the point's type. The hub already converts client text
 * ({@link PointValues#parse}); this accepts the other numeric boxes a caller may still hand over.
 */
final class WrittenValues {
    private WrittenValues() {}

    /** @throws VaktException {@link Fault#INVALID_VALUE} when the value does not fit the type */
    static Object convert(Point point, Object value) {
        if (value instanceof String text) return PointValues.parse(point, text);
        if (value instanceof Boolean flag) value = flag ? 1L : 0L;
        return switch (point.type()) {
            case STRING -> String.valueOf(value);
            case REAL -> {
                if (value instanceof Number number && Double.isFinite(number.doubleValue())) yield number.doubleValue();
                throw invalid(value, "a number");
            }
            case INTEGER -> {
                if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                        && Math.abs(number.doubleValue()) < 1e15) {
                    yield number.longValue();
                }
                throw invalid(value, "an integer");
            }
            case DIGITAL -> {
                if (value instanceof Number number && (number.doubleValue() == 0 || number.doubleValue() == 1)) {
                    yield number.longValue();
                }
                throw invalid(value, "0 or 1");
            }
        };
    }

    private static VaktException invalid(Object value, String expected) {
        return Fault.INVALID_VALUE.exception("\"" + PointValues.format(value) + "\" is not " + expected);
    }
}
