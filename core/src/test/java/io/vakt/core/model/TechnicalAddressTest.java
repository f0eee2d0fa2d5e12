package io.vakt.core.model;

import io.vakt.core.path.Seeded;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Technical addresses {@code Controller.Point} (spec §10), matched case-insensitively (spec §3). */
class TechnicalAddressTest {

    @Test
    void parsesControllerAndPoint() {
        TechnicalAddress address = TechnicalAddress.parse("AHU1.GT11").orElseThrow();
        assertThat(address.controller()).isEqualTo("AHU1");
        assertThat(address.point()).isEqualTo("GT11");
    }

    @Test
    void pointMayHaveModulesAndIndexes() {
        assertThat(TechnicalAddress.parse("Ctrl.QSystem.Sec").orElseThrow().point()).isEqualTo("QSystem.Sec");
        assertThat(TechnicalAddress.parse("RU1.DigOut(7)").orElseThrow().point()).isEqualTo("DigOut(7)");
        assertThat(TechnicalAddress.parse("EM-1.Meter_2[3]").orElseThrow().controller()).isEqualTo("EM-1");
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(TechnicalAddress.parse("  AHU1.GT11 ")).contains(new TechnicalAddress("AHU1", "GT11"));
    }

    @Test
    void equalityIgnoresCase() {
        TechnicalAddress upper = new TechnicalAddress("AHU1", "GT11_SP");
        TechnicalAddress lower = TechnicalAddress.parse("ahu1.gt11_sp").orElseThrow();
        assertThat(lower).isEqualTo(upper).hasSameHashCodeAs(upper);
        assertThat(lower.key()).isEqualTo("ahu1.gt11_sp");
        assertThat(upper.controllerKey()).isEqualTo("ahu1");
        assertThat(upper.pointKey()).isEqualTo("gt11_sp");
    }

    @Test
    void printingKeepsTheProjectSpelling() {
        assertThat(new TechnicalAddress("AHU1", "QSystem.Sec")).hasToString("AHU1.QSystem.Sec");
    }

    @Test
    void differentPointsDiffer() {
        assertThat(new TechnicalAddress("AHU1", "GT11")).isNotEqualTo(new TechnicalAddress("AHU1", "GT12"))
                .isNotEqualTo(new TechnicalAddress("AHU2", "GT11"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AHU1", "AHU1.", ".GT11", "AHU1..GT11", "AHU1.GT11.", "AHU 1.GT11", "AHU1.GT 11",
            "*AHU1.GT11", "AHU1.GT11%", "%Controller%.GT11", "AHU1.GT11;DROP", "Ähu.GT11", "AHU1.GT/11", "AHU1/x.GT11"})
    void invalidNamesAreEmpty(String text) {
        assertThat(TechnicalAddress.parse(text)).isEmpty();
    }

    @Test
    void nullIsEmpty() {
        assertThat(TechnicalAddress.parse(null)).isEmpty();
    }

    @Test
    void constructorRefusesInvalidNames() {
        assertThatThrownBy(() -> new TechnicalAddress("AHU 1", "GT11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TechnicalAddress("AHU1", ".GT11")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TechnicalAddress("AHU1", "GT11.")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TechnicalAddress("AHU1.X", "GT11")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nameCheckersAgreeWithTheParser() {
        assertThat(TechnicalAddress.isValidControllerName("AHU_1-a")).isTrue();
        assertThat(TechnicalAddress.isValidControllerName("AHU.1")).isFalse();
        assertThat(TechnicalAddress.isValidControllerName(null)).isFalse();
        assertThat(TechnicalAddress.isValidPointAddress("QSystem.Sec")).isTrue();
        assertThat(TechnicalAddress.isValidPointAddress(".Sec")).isFalse();
        assertThat(TechnicalAddress.isValidPointAddress(null)).isFalse();
    }

    @Test
    void randomAddressesRoundTripAndMatchInAnyCase() {
        Seeded.run("technical address round trip", random -> {
            for (int i = 0; i < 3000; i++) {
                String controller = Seeded.name(random, 1 + random.nextInt(12));
                String point = Seeded.name(random, 1 + random.nextInt(8))
                        + (random.nextBoolean() ? "." + Seeded.name(random, 1 + random.nextInt(8)) : "")
                        + (random.nextInt(4) == 0 ? "(" + random.nextInt(100) + ")" : "");
                TechnicalAddress address = new TechnicalAddress(controller, point);
                assertThat(TechnicalAddress.parse(address.toString())).contains(address);
                String shuffled = randomCase(random, address.toString());
                TechnicalAddress other = TechnicalAddress.parse(shuffled).orElseThrow();
                assertThat(other).isEqualTo(address).hasSameHashCodeAs(address);
                assertThat(other).hasToString(shuffled);
            }
        });
    }

    private static String randomCase(java.util.Random random, String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            String s = String.valueOf(c);
            out.append(random.nextBoolean() ? s.toUpperCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
