package io.vakt.server.http.proxy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The same-origin rule of WebSocket upgrades. */
class OriginPolicyTest {
    private final OriginPolicy policy = new OriginPolicy(List.of("https://Dash.example.com:443"));
    private final ForwardedRequest request = new ForwardedRequest("203.0.113.5", "127.0.0.1", List.of("203.0.113.5", "127.0.0.1"),
            true, false, "https", "bms.example.com", 443, Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.5"));

    @Test
    void noOriginTheOwnOriginAndAllowedOnesPass() {
        assertThat(policy.check(null, request)).isEqualTo(new OriginPolicy.Verdict.Allowed("no-origin"));
        assertThat(policy.check("https://bms.example.com", request)).isEqualTo(new OriginPolicy.Verdict.Allowed("same-origin"));
        assertThat(policy.check("HTTPS://BMS.EXAMPLE.COM:443", request)).isEqualTo(new OriginPolicy.Verdict.Allowed("same-origin"));
        assertThat(policy.check("https://dash.example.com", request)).isEqualTo(new OriginPolicy.Verdict.Allowed("allowed-origin"));
        assertThat(policy.allowedOrigins()).containsExactly("https://dash.example.com");
    }

    @Test
    void everythingElseIsRefusedNamingTheExpectedOrigin() {
        for (String origin : List.of("https://evil.example", "http://bms.example.com", "https://bms.example.com:8443",
                "null", "", "bms.example.com", "https://bms.example.com.evil.example", "https://bms.example.com/path")) {
            assertThat(policy.check(origin, request)).as(origin)
                    .isEqualTo(new OriginPolicy.Verdict.Refused(origin, "https://bms.example.com"));
        }
    }

    @Test
    void behindAProxyThatForwardsNoSchemeOnlyTheHostNameIsCompared() {
        ForwardedRequest tlsAtProxy = new ForwardedRequest("203.0.113.5", "127.0.0.1", List.of("203.0.113.5", "127.0.0.1"),
                true, false, "http", "bms.example.com", 80, Map.of("X-Forwarded-For", "203.0.113.5"));
        assertThat(policy.check("https://bms.example.com", tlsAtProxy)).isEqualTo(new OriginPolicy.Verdict.Allowed("same-host-behind-proxy"));
        assertThat(policy.check("https://evil.example", tlsAtProxy)).isInstanceOf(OriginPolicy.Verdict.Refused.class);
    }

    @Test
    void theSeedsNginxBlockPassesAnAddressAsHostSoTheOriginCannotBeChecked() {
        ForwardedRequest seed = new ForwardedRequest("203.0.113.5", "127.0.0.1", List.of("203.0.113.5", "127.0.0.1"),
                true, false, "http", "192.168.0.1", 80, Map.of("X-Forwarded-For", "203.0.113.5"));
        assertThat(policy.check("https://bms.example.com", seed)).isEqualTo(new OriginPolicy.Verdict.Allowed(OriginPolicy.UNVERIFIED_BEHIND_PROXY));
        ForwardedRequest direct = new ForwardedRequest("203.0.113.5", "203.0.113.5", List.of("203.0.113.5"),
                false, false, "http", "192.168.0.1", 80, Map.of());
        assertThat(policy.check("https://bms.example.com", direct)).as("only behind a trusted proxy")
                .isInstanceOf(OriginPolicy.Verdict.Refused.class);
        ForwardedRequest hostForwarded = new ForwardedRequest("203.0.113.5", "127.0.0.1", List.of("203.0.113.5", "127.0.0.1"),
                true, false, "https", "192.168.0.1", 443, Map.of("X-Forwarded-Host", "192.168.0.1", "X-Forwarded-Proto", "https"));
        assertThat(policy.check("https://evil.example", hostForwarded)).as("a forwarded host is checked")
                .isInstanceOf(OriginPolicy.Verdict.Refused.class);
    }

    @Test
    void aRequestWithoutHostHasNoOwnOrigin() {
        ForwardedRequest noHost = new ForwardedRequest("192.0.2.1", "192.0.2.1", List.of("192.0.2.1"), false, false,
                "http", null, 8080, Map.of());
        assertThat(policy.check("http://192.0.2.9:8080", noHost)).isEqualTo(new OriginPolicy.Verdict.Refused("http://192.0.2.9:8080", null));
    }

    @Test
    void aConfiguredOriginMustBeAnOrigin() {
        assertThatThrownBy(() -> new OriginPolicy(List.of("dash.example.com"))).hasMessageContaining("'dash.example.com'");
    }
}
