package io.vakt.server.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordsTest {
    @Test
    void readsTheFirstLineOfStdinAsUtf8() {
        assertThat(Passwords.fromStdin(stdin("pässwörd\nrest".getBytes(StandardCharsets.UTF_8)))).containsExactly(
                "pässwörd".toCharArray());
        assertThat(Passwords.fromStdin(stdin("no line break".getBytes(StandardCharsets.UTF_8))))
                .containsExactly("no line break".toCharArray());
    }

    @Test
    void refusesAnEmptyPassword() {
        assertThatThrownBy(() -> Passwords.fromStdin(stdin(new byte[0]))).isInstanceOf(CliException.class)
                .hasMessage("the password on standard input is empty");
        assertThatThrownBy(() -> Passwords.fromStdin(stdin("\r\n".getBytes(StandardCharsets.UTF_8))))
                .hasMessage("the password on standard input is empty");
    }

    @Test
    void refusesAPasswordLongerThanTheLimit() {
        byte[] tooLong = "x".repeat(Passwords.MAX_BYTES + 1).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Passwords.fromStdin(stdin(tooLong))).isInstanceOf(CliException.class)
                .hasMessage("the password on standard input is longer than 1024 bytes");
    }

    @Test
    void refusesInputThatIsNotUtf8() {
        assertThatThrownBy(() -> Passwords.fromStdin(stdin(new byte[] {'a', (byte) 0xC3, '\n'})))
                .isInstanceOf(CliException.class).hasMessage("the password on standard input is not UTF-8 text");
    }

    @Test
    void generatedPasswordsAreLongUnambiguousAndDiffer() {
        char[] first = Passwords.generate();
        assertThat(new String(first)).hasSize(20).matches("[a-km-zA-HJ-NP-Z2-9]+");
        assertThat(Passwords.generate()).isNotEqualTo(first);
    }

    private static ByteArrayInputStream stdin(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }
}
