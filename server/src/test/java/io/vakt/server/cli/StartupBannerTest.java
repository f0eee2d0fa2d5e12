package io.vakt.server.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StartupBannerTest {
    private static final Path DATA = Path.of("/var/lib/vakt");

    @Test
    void everyInterfaceShowsLocalhostUrlsAndTheMachinesAddresses() {
        String banner = StartupBanner.render("0.0.0.0", 8080, "Demo building: 3 areas, 120 points", DATA,
                Optional.empty(), List.of("192.168.1.20", "10.0.0.5"));
        assertThat(banner).contains(
                "  Web runtime   http://localhost:8080/arrigo/\n",
                "  API explorer  http://localhost:8080/arrigo/api/\n",
                "  GraphQL       http://localhost:8080/arrigo/api/graphql\n",
                "  WebSocket     ws://localhost:8080/arrigo/api/graphql/ws\n",
                "  WAMP          ws://localhost:8080/arrigo/api/wamp\n",
                "  Also on       192.168.1.20, 10.0.0.5 (port 8080)\n",
                "  Project       Demo building: 3 areas, 120 points\n",
                "  Data folder   " + DATA + "\n");
        assertThat(banner).doesNotContain("password");
    }

    @Test
    void aSpecificHostIsUsedInTheUrlsWithoutOtherAddresses() {
        String banner = StartupBanner.render("127.0.0.1", 9000, "p", DATA, Optional.empty(), List.of("192.168.1.20"));
        assertThat(banner).contains("http://127.0.0.1:9000/arrigo/api/").doesNotContain("localhost", "Also on");
    }

    @Test
    void anIpv6HostIsBracketed() {
        assertThat(StartupBanner.render("::1", 80, "p", DATA, Optional.empty(), List.of()))
                .contains("http://[::1]:80/arrigo/api/graphql");
        assertThat(StartupBanner.render("::", 80, "p", DATA, Optional.empty(), List.of()))
                .contains("http://localhost:80/arrigo/api/");
    }

    @Test
    void theFirstStartShowsTheAdminPasswordInAFrame() {
        String banner = StartupBanner.render("0.0.0.0", 8080, "p", DATA, Optional.of("Xk3pQ9wzT4"), List.of());
        assertThat(banner).containsPattern("\\n  \\| First start: created user admin with password Xk3pQ9wzT4 +\\|\\n")
                .contains("  | It is shown only this once; change it with `vakt user passwd admin` |\n");
        List<String> frame = banner.lines().filter(line -> line.startsWith("  +") || line.startsWith("  |")).toList();
        assertThat(frame).hasSize(4);
        assertThat(frame).allSatisfy(line -> assertThat(line).hasSameSizeAs(frame.getFirst()));
    }

    @Test
    void httpsShowsSecureUrlsTheRedirectAndTheCertificateFindings() {
        java.time.Instant now = java.time.Instant.now();
        var issued = io.vakt.server.tls.SelfSignedCertificate.create(List.of("localhost"), now.minusSeconds(60),
                now.plus(java.time.Duration.ofDays(10)), io.vakt.server.tls.SelfSignedCertificate.KeyAlgorithm.EC_P256);
        var report = io.vakt.server.tls.CertificateReport.of(issued.chain(), null, java.time.Duration.ofDays(30), now, List.of());
        String banner = StartupBanner.render("0.0.0.0", 8443, "p", DATA, Optional.empty(), List.of(),
                Optional.of(new StartupBanner.Https(8080, report)));
        assertThat(banner).contains(
                "  Web runtime   https://localhost:8443/arrigo/\n",
                "  WebSocket     wss://localhost:8443/arrigo/api/graphql/ws\n",
                "  WAMP          wss://localhost:8443/arrigo/api/wamp\n",
                "  Redirect      http://localhost:8080/ goes to HTTPS\n",
                "  Certificate   CN=localhost,O=Vakt self-signed, valid until ");
        assertThat(banner).contains("  ! The certificate is self-signed", "    Fix: Use a certificate from a CA",
                "  ! The certificate expires on");
        assertThat(banner).doesNotContain("http://localhost:8443", "ws://localhost:8443");
    }
}
