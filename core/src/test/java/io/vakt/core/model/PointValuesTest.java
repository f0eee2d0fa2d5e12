package io.vakt.core.model;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.path.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.vakt.core.model.TestProject.point;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Spec §4.3: values are strings and the caller is responsible for the type; {@code "5"} works, {@code "five"} fails. */
class PointValuesTest {
    private static final Point INTEGER = point("I", PointType.INTEGER, true, null, null);
    private static final Point REAL = point("R", PointType.REAL, true, null, null);
    private static final Point DIGITAL = point("D", PointType.DIGITAL, true, null, null);
    private static final Point STRING = point("S", PointType.STRING, true, null, null);
    private static final Point SETPOINT = point("SP", PointType.REAL, true, 14.0, 26.0);
    private static final Point MODE = point("M", PointType.INTEGER, true, 0.0, 3.0);
    private static final Point ABOVE = point("A", PointType.REAL, true, -0.5, null);
    private static final Point BELOW = point("B", PointType.REAL, true, null, 100.0);

    @Test
    void digitsToAnIntegerAreAccepted() {
        assertThat(PointValues.parse(INTEGER, "5")).isEqualTo(5L);
        assertThat(PointValues.parse(INTEGER, " -12 ")).isEqualTo(-12L);
        assertThat(PointValues.parse(INTEGER, "+7")).isEqualTo(7L);
        assertThat(PointValues.parse(INTEGER, String.valueOf(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void wordsToAnIntegerAreRefused() {
        VaktException refused = refused(INTEGER, "five");
        assertThat(refused.fault()).isEqualTo(Fault.INVALID_VALUE);
        assertThat(refused).hasMessage("\"five\" is not an integer");
    }

    @Test
    void wholeRealToAnIntegerIsAccepted() {
        assertThat(PointValues.parse(INTEGER, "5.0")).isEqualTo(5L);
        assertThat(PointValues.parse(INTEGER, "5,0")).isEqualTo(5L);
        assertThat(PointValues.parse(INTEGER, "1e3")).isEqualTo(1000L);
    }

    @Test
    void fractionToAnIntegerIsRefused() {
        assertThat(refused(INTEGER, "5.5").fault()).isEqualTo(Fault.INVALID_VALUE);
        assertThat(refused(INTEGER, "5.5")).hasMessage("\"5.5\" is not an integer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5 5", "0x10", "0x1p3", "5L", "5d", "5.0f", "NaN", "Infinity", "1e400",
            "99999999999999999999", "٥", "５", "--5", "5-", "1e15", "true"})
    void malformedIntegersAreRefused(String text) {
        assertThat(refused(INTEGER, text).fault()).as(text).isEqualTo(Fault.INVALID_VALUE);
    }

    @Test
    void realsAcceptAPointOrAComma() {
        assertThat(PointValues.parse(REAL, "21.5")).isEqualTo(21.5);
        assertThat(PointValues.parse(REAL, "21,5")).isEqualTo(21.5);
        assertThat(PointValues.parse(REAL, "-0,25")).isEqualTo(-0.25);
        assertThat(PointValues.parse(REAL, ".5")).isEqualTo(0.5);
        assertThat(PointValues.parse(REAL, "2.5e2")).isEqualTo(250.0);
        assertThat(PointValues.parse(REAL, " 7 ")).isEqualTo(7.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "1e400", "-1e400"})
    void nanAndInfinityAreRefused(String text) {
        VaktException refused = refused(REAL, text);
        assertThat(refused.fault()).isEqualTo(Fault.INVALID_VALUE);
        assertThat(refused).hasMessage("\"" + text + "\" is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"five", "", "1,000.5", "1.2.3", "5d", "5F", "0x1p3", "0x10", "٣", "1 000", "e5", ".", ","})
    void malformedRealsAreRefused(String text) {
        assertThat(refused(REAL, text).fault()).as(text).isEqualTo(Fault.INVALID_VALUE);
    }

    @Test
    void digitalAcceptsNumbersWordsAndSwitchPositions() {
        for (String on : new String[]{"1", "true", "TRUE", "on", "On", "1.0"}) {
            assertThat(PointValues.parse(DIGITAL, on)).as(on).isEqualTo(1L);
        }
        for (String off : new String[]{"0", "false", "False", "off", "OFF", "0.0"}) {
            assertThat(PointValues.parse(DIGITAL, off)).as(off).isEqualTo(0L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "-1", "yes", "no", "", "0.5"})
    void digitalRefusesEverythingElse(String text) {
        VaktException refused = refused(DIGITAL, text);
        assertThat(refused.fault()).isEqualTo(Fault.INVALID_VALUE);
        assertThat(refused).hasMessage("\"" + text + "\" is not 0 or 1");
    }

    @Test
    void stringsPassUnchanged() {
        assertThat(PointValues.parse(STRING, "  Hello, world ")).isEqualTo("  Hello, world ");
    }

    @Test
    void missingValueIsRefused() {
        VaktException refused = refused(INTEGER, null);
        assertThat(refused.fault()).isEqualTo(Fault.INVALID_VALUE);
        assertThat(refused).hasMessage("no value given for integer variable");
    }

    @Test
    void longValuesAreShortenedInTheMessage() {
        assertThat(refused(INTEGER, "x".repeat(100))).hasMessage("\"" + "x".repeat(40) + "…\" is not an integer");
    }

    @Test
    void valueAboveTheRangeIsRefusedWithTheRange() {
        VaktException refused = refused(SETPOINT, "30");
        assertThat(refused.fault()).isEqualTo(Fault.OUT_OF_RANGE);
        assertThat(refused).hasMessage("30 is outside [14, 26]");
    }

    @Test
    void valueBelowTheRangeIsRefusedWithTheRange() {
        assertThat(refused(SETPOINT, "13,5")).hasMessage("13.5 is outside [14, 26]");
        assertThat(refused(MODE, "-1")).hasMessage("-1 is outside [0, 3]");
        assertThat(refused(ABOVE, "-1")).hasMessage("-1 is outside [-0.5, ∞]");
        assertThat(refused(BELOW, "100.5")).hasMessage("100.5 is outside [-∞, 100]");
        assertThat(refused(MODE, "4").fault()).isEqualTo(Fault.OUT_OF_RANGE);
    }

    @Test
    void rangeBoundsAreInclusive() {
        assertThat(PointValues.parse(SETPOINT, "14")).isEqualTo(14.0);
        assertThat(PointValues.parse(SETPOINT, "26.0")).isEqualTo(26.0);
        assertThat(PointValues.parse(MODE, "3")).isEqualTo(3L);
    }

    @Test
    void rangeTextShowsOpenEnds() {
        assertThat(PointValues.rangeText(REAL)).isEqualTo("[-∞, ∞]");
        assertThat(PointValues.rangeText(SETPOINT)).isEqualTo("[14, 26]");
    }

    @Test
    void formatShowsWholeRealsWithoutFraction() {
        assertThat(PointValues.format(5.0)).isEqualTo("5");
        assertThat(PointValues.format(5.25)).isEqualTo("5.25");
        assertThat(PointValues.format(7L)).isEqualTo("7");
        assertThat(PointValues.format("text")).isEqualTo("text");
        assertThat(PointValues.format(null)).isEmpty();
    }

    @Test
    void confirmsReadBackWithinRelativeTolerance() {
        assertThat(PointValues.confirms(21.3, (double) 21.3f)).as("float32 read-back").isTrue();
        assertThat(PointValues.confirms(21.3, 21.31)).isFalse();
        assertThat(PointValues.confirms(1e9, 1e9 + 0.5)).isTrue();
        assertThat(PointValues.confirms(1e9, 1e9 + 5000)).isFalse();
        assertThat(PointValues.confirms(0.0, 1e-7)).isTrue();
        assertThat(PointValues.confirms(0.0, 1e-5)).isFalse();
    }

    @Test
    void confirmsAcrossNumberTypes() {
        assertThat(PointValues.confirms(5L, 5.0)).isTrue();
        assertThat(PointValues.confirms(1L, 1L)).isTrue();
        assertThat(PointValues.confirms(1L, 0L)).isFalse();
    }

    @Test
    void confirmsStringsExactly() {
        assertThat(PointValues.confirms("on", "on")).isTrue();
        assertThat(PointValues.confirms("on", "On")).isFalse();
        assertThat(PointValues.confirms("5", 5L)).isFalse();
        assertThat(PointValues.confirms("on", null)).isFalse();
        assertThat(PointValues.confirms(null, null)).isFalse();
    }

    @Test
    void randomNumbersRoundTrip() {
        Seeded.run("point value round trip", random -> {
            for (int i = 0; i < 5000; i++) {
                long whole = random.nextLong();
                assertThat(PointValues.parse(INTEGER, Long.toString(whole))).isEqualTo(whole);
                double real = Double.longBitsToDouble(random.nextLong());
                if (!Double.isFinite(real)) continue;
                String text = Double.toString(real);
                assertThat(PointValues.parse(REAL, text)).as(text).isEqualTo(real);
                assertThat(PointValues.parse(REAL, text.replace('.', ','))).as(text).isEqualTo(real);
                double inRange = 14 + random.nextDouble() * 12;
                assertThat(PointValues.parse(SETPOINT, Double.toString(inRange))).isEqualTo(inRange);
                assertThat(PointValues.confirms(inRange, (double) (float) inRange)).isTrue();
            }
        });
    }

    private static VaktException refused(Point point, String text) {
        VaktException refused = catchThrowableOfType(VaktException.class, () -> PointValues.parse(point, text));
        assertThat(refused).as("\"%s\" to %s", text, point.type()).isNotNull();
        return refused;
    }
}
