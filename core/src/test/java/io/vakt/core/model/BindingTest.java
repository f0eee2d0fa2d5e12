package io.vakt.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Spec §5.4: a leading {@code *} makes a variable bound (advised and pushed); without it, it is read once. */
class BindingTest {

    @Test
    void leadingStarIsBound() {
        Binding binding = Binding.parse("*AHU1.GT11").orElseThrow();
        assertThat(binding.bound()).isTrue();
        assertThat(binding.address()).isEqualTo(new TechnicalAddress("AHU1", "GT11"));
    }

    @Test
    void withoutStarIsOneShot() {
        Binding binding = Binding.parse("AHU1.UNIT_NAME").orElseThrow();
        assertThat(binding.bound()).isFalse();
        assertThat(binding.address()).isEqualTo(new TechnicalAddress("AHU1", "UNIT_NAME"));
    }

    @Test
    void whitespaceAroundTheStarIsIgnored() {
        assertThat(Binding.parse("  * AHU1.GT11 ")).contains(new Binding(new TechnicalAddress("AHU1", "GT11"), true));
    }

    @Test
    void printingRestoresTheStar() {
        assertThat(Binding.parse("*AHU1.GT11").orElseThrow()).hasToString("*AHU1.GT11");
        assertThat(Binding.parse("AHU1.GT11").orElseThrow()).hasToString("AHU1.GT11");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", "**AHU1.GT11", "*AHU1", "AHU1.GT11*", "*.GT11", "((undefined))"})
    void anythingElseIsNoBinding(String text) {
        assertThat(Binding.parse(text)).isEmpty();
    }

    @Test
    void nullIsNoBinding() {
        assertThat(Binding.parse(null)).isEmpty();
    }
}
