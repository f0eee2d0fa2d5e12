package io.vakt.driver.mqtt;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FieldPathTest {

    @Test
    void namesAndIndexesBecomeSteps() {
        assertThat(FieldPath.parse("a.b[2].c").steps()).containsExactly(new FieldPath.Name("a"), new FieldPath.Name("b"),
                new FieldPath.Index(2), new FieldPath.Name("c"));
    }

    @Test
    void jsonPathPrefixIsAccepted() {
        assertThat(FieldPath.parse("$.value").steps()).isEqualTo(List.of(new FieldPath.Name("value")));
        assertThat(FieldPath.parse("$[0]").steps()).isEqualTo(List.of(new FieldPath.Index(0)));
    }

    @Test
    void emptyPathIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("$.")).hasMessage("names no field");
    }

    @Test
    void doubleDotIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("a..b")).hasMessageContaining("empty name");
    }

    @Test
    void trailingDotIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("a.")).hasMessage("ends with a dot");
    }

    @Test
    void unclosedBracketIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("a[1")).hasMessage("has a [ without ]");
    }

    @Test
    void strayClosingBracketIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("a]")).hasMessage("has a ] without [");
    }

    @Test
    void nonNumericIndexIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("a[x]")).hasMessageContaining("index \"x\"");
        assertThatThrownBy(() -> FieldPath.parse("a[-1]")).hasMessageContaining("index \"-1\"");
    }

    @Test
    void nameDirectlyAfterIndexIsRejected() {
        assertThatThrownBy(() -> FieldPath.parse("a[0]b")).hasMessage("needs a dot before a name after ]");
    }
}
