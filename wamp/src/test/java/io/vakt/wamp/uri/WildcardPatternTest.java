package io.vakt.wamp.uri;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WildcardPatternTest {

    @Test
    void splitKeepsEmptyComponents() {
        assertThat(WildcardPattern.split("a..b.")).containsExactly("a", "", "b", "");
        assertThat(WildcardPattern.split("a")).containsExactly("a");
        assertThat(WildcardPattern.componentCount("a..b.")).isEqualTo(4);
    }

    @Test
    void laterWildcardsTakePrecedence() {
        WildcardPattern rpc6 = WildcardPattern.of("a1.b2..d4.e5..g7");
        WildcardPattern rpc7 = WildcardPattern.of("a1.b2..d4..f6.g7");

        assertThat(rpc6.beats(rpc7)).isTrue();
        assertThat(rpc7.beats(rpc6)).isFalse();
        assertThat(rpc6.beats(rpc6)).isFalse();
        assertThat(WildcardPattern.of("a..c").beats(WildcardPattern.of("a.."))).isTrue();
    }
}
