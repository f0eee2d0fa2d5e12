package io.vakt.server.doctor;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each kind of refused upgrade gets its own cause; the answers are the ones Vakt and nginx really give. */
class UpgradeDiagnosisTest {
    private static final DoctorTarget TARGET = DoctorTarget.parse("https://bms.example.com");
    private static final String VAKT_426 = "This is the WAMP endpoint: it needs a WebSocket upgrade (Upgrade: websocket,"
            + " Connection: Upgrade), subprotocol wamp.2.json or wamp.2.msgpack.\nIf a client got this answer through a"
            + " reverse proxy, the proxy dropped the Upgrade headers: see the proxy guides in Vakt's docs.\n";
    private static final String NGINX_404 = "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
            + "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.22.1</center>\r\n</body>\r\n</html>\r\n";

    @Test
    void vakts426WhenTheOtherEndpointUpgradedIsAMissingLocation() {
        StepResult result = judge(vakt(426, VAKT_426), true);
        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.cause()).contains("passes the WebSocket upgrade for /arrigo/api/graphql/ws but not for /arrigo/api/wamp",
                "no location for /arrigo/api/wamp");
        assertThat(result.fix()).contains("location ~* ^/arrigo/api/(graphql/ws|wamp)$ {", "proxy_http_version 1.1;",
                "proxy_pass http://<vakt-host>:<port>;", "proxy_set_header Host $http_host;");
    }

    @Test
    void vakts426WhenNeitherUpgradedIsAStrippedUpgradeHeader() {
        StepResult result = judge(vakt(426, VAKT_426), false);
        assertThat(result.cause()).startsWith("the Upgrade header was stripped on the way: Vakt got a plain HTTP request (426)");
        assertThat(result.detail()).startsWith("HTTP 426 from Vakt");
    }

    @Test
    void aProxys404IsAPathNotRoutedToVakt() {
        StepResult result = judge(new HttpLink.Reply(404, Map.of("server", List.of("nginx/1.22.1")), NGINX_404), false);
        assertThat(result.cause()).isEqualTo("the proxy does not route /arrigo/api/wamp to Vakt: the answer came from the proxy (nginx/1.22.1) or a site behind it");
        assertThat(result.detail()).isEqualTo("HTTP 404 from nginx/1.22.1: 404 Not Found 404 Not Found nginx/1.22.1");
    }

    @Test
    void a200HtmlPageIsAlsoAPathNotRouted() {
        StepResult result = judge(new HttpLink.Reply(200, Map.of(), "<html>Welcome</html>"), true);
        assertThat(result.cause()).startsWith("the proxy does not route /arrigo/api/wamp to Vakt: the answer came from another web site");
    }

    @Test
    void badGatewayAndGatewayTimeoutAreAProxyThatCannotReachVakt() {
        assertThat(judge(new HttpLink.Reply(502, Map.of("server", List.of("nginx")), ""), false).cause())
                .isEqualTo("the proxy cannot reach Vakt (connection refused or reset) for /arrigo/api/wamp");
        assertThat(judge(new HttpLink.Reply(504, Map.of(), ""), false).cause())
                .isEqualTo("the proxy timed out waiting for Vakt for /arrigo/api/wamp");
    }

    @Test
    void a403FromVaktIsTheOriginCheck() {
        StepResult result = judge(vakt(403, "cross-origin WebSocket refused"), false);
        assertThat(result.cause()).contains("Origin https://bms.example.com", "webSocket.allowedOrigins");
        assertThat(judge(new HttpLink.Reply(403, Map.of("server", List.of("Microsoft-IIS/10.0")), ""), false).cause())
                .isEqualTo("Microsoft-IIS/10.0 forbids WebSocket upgrades on /arrigo/api/wamp");
    }

    @Test
    void aTimeoutIsAFirewallOrProxyHoldingTheUpgrade() {
        StepResult result = UpgradeDiagnosis.judge("x", TARGET, "/wamp", new UpgradeOutcome.TimedOut(), "/graphql/ws", false);
        assertThat(result.cause()).startsWith("a firewall or proxy holds WebSocket upgrades to /arrigo/api/wamp");
    }

    @Test
    void aMissingSubprotocolHeaderIsNamed() {
        StepResult result = judge(vakt(400, "The WAMP endpoint needs a WAMP WebSocket subprotocol: offer wamp.2.json"), false);
        assertThat(result.cause()).isEqualTo("the Sec-WebSocket-Protocol header was lost on the way to Vakt");
    }

    private static HttpLink.Reply vakt(int status, String body) {
        return new HttpLink.Reply(status, Map.of("x-vakt-version", List.of("0.1.0")), body);
    }

    private static StepResult judge(HttpLink.Reply reply, boolean otherUpgraded) {
        return UpgradeDiagnosis.judge("WebSocket upgrade /wamp", TARGET, "/wamp", new UpgradeOutcome.Refused(reply),
                "/graphql/ws", otherUpgraded);
    }
}
