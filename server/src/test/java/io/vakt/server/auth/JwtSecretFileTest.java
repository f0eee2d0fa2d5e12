package io.vakt.server.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

class JwtSecretFileTest {
    @TempDir Path dataDir;
    final MutableClock clock = MutableClock.atSomeMoment();

    @Test
    void createsA256BitBase64SecretOnFirstStart() throws Exception {
        JwtService.open(dataDir.resolve("new"), clock);

        String text = Files.readString(dataDir.resolve("new").resolve("jwt-secret")).strip();
        assertThat(Base64.getDecoder().decode(text)).hasSize(32);
        try (var files = Files.list(dataDir.resolve("new"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("jwt-secret");
        }
    }

    @Test
    void createsTheSecretReadableByTheOwnerOnly() throws Exception {
        assumeThat(Files.getFileStore(dataDir).supportsFileAttributeView(PosixFileAttributeView.class)).isTrue();

        JwtService.open(dataDir, clock);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("jwt-secret"))))
                .isEqualTo("rw-------");
    }

    @Test
    void reusesTheSecretAcrossRestartsSoTokensStayValid() {
        IssuedToken issued = JwtService.open(dataDir, clock).issue("alice", Duration.ofMinutes(10));

        JwtService restarted = JwtService.open(dataDir, clock);

        assertThat(restarted.check(issued.token())).isInstanceOf(JwtCheck.Valid.class);
    }

    @Test
    void aSecretFileThatIsNotBase64IsAClearError() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), "not *base64* at all");

        assertThatThrownBy(() -> JwtService.open(dataDir, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(dataDir.resolve("jwt-secret").toString())
                .hasMessageContaining("not Base64");
    }

    @Test
    void aShortSecretFileIsAClearError() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), Base64.getEncoder().encodeToString(new byte[16]));

        assertThatThrownBy(() -> JwtService.open(dataDir, clock))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds 128 bits, HS256 needs at least 256");
    }

    @Test
    void anEmptySecretFileIsAClearError() throws Exception {
        Files.writeString(dataDir.resolve("jwt-secret"), "");

        assertThatThrownBy(() -> JwtService.open(dataDir, clock))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds 0 bits");
    }
}
