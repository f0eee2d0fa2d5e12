package io.vakt.it.proxy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The nginx and HAProxy configurations in docs/deploy/ are the ones the proxy ITs run: each code block marked
 * {@code <!-- checked by DeployGuidesTest against it/src/test/resources/<resource> -->} must contain the resource's
 * lines, in order and contiguous (comments and indentation aside), once the resource's placeholders are replaced by
 * the guide's example values. Change one, and this test says where the other must follow.
 */
class DeployGuidesTest {
    private static final Pattern MARKED_BLOCK = Pattern.compile(
            "<!-- [^>]*checked by DeployGuidesTest against it/src/test/resources/(\\S+) -->\\s*\\n```[a-z]*\\n(.*?)\\n```",
            Pattern.DOTALL);
    /** The example values the guides use where the tests fill in loopback ports and temporary files. */
    private static final Map<String, Map<String, String>> EXAMPLE_VALUES = Map.of(
            "proxy/nginx/seed.conf", Map.of("VAKT_UPSTREAM", "192.168.0.1:80"),
            "proxy/nginx/recommended.conf", Map.of("VAKT_UPSTREAM", "127.0.0.1:8080"),
            "proxy/haproxy/haproxy.cfg", Map.of(
                    "VAKT_TUNNEL_TIMEOUT", "1h",
                    "VAKT_HTTPS_BIND", ":443",
                    "VAKT_HTTP_BIND", ":80",
                    "VAKT_CERTIFICATE", "/etc/haproxy/certs/bms.example.com.pem",
                    "VAKT_UPSTREAM", "127.0.0.1:8080"));

    @Test
    void theNginxGuideShowsTheSeedAndTheRecommendedConfigurationTheTestsRun() {
        assertThat(checkedResources("nginx.md")).containsExactlyInAnyOrder("proxy/nginx/seed.conf", "proxy/nginx/recommended.conf");
    }

    @Test
    void theHaproxyGuideShowsTheConfigurationTheTestsRun() {
        assertThat(checkedResources("haproxy.md")).containsExactly("proxy/haproxy/haproxy.cfg");
    }

    @Test
    void everyGuideNamesBothWebSocketEndpoints() throws IOException {
        for (String guide : List.of("README.md", "nginx.md", "haproxy.md", "apache.md", "caddy.md", "iis.md")) {
            assertThat(Files.readString(guides().resolve(guide))).as(guide)
                    .contains("/arrigo/api/graphql/ws").contains("/arrigo/api/wamp");
        }
    }

    /** Checks every marked block of the guide and returns the resources it was checked against. */
    private static List<String> checkedResources(String guide) {
        String text;
        try {
            text = Files.readString(guides().resolve(guide));
        } catch (IOException e) {
            throw new AssertionError("cannot read docs/deploy/" + guide, e);
        }
        List<String> resources = new ArrayList<>();
        Matcher block = MARKED_BLOCK.matcher(text);
        while (block.find()) {
            String resource = block.group(1);
            resources.add(resource);
            String expected = ProxyResources.text(resource);
            for (Map.Entry<String, String> value : EXAMPLE_VALUES.getOrDefault(resource, Map.of()).entrySet()) {
                expected = expected.replace(value.getKey(), value.getValue());
            }
            List<String> wanted = significantLines(expected);
            List<String> shown = significantLines(block.group(2));
            assertThat(Collections.indexOfSubList(shown, wanted))
                    .as("docs/deploy/%s must show it/src/test/resources/%s (with the guide's example values) line for"
                            + " line:\n--- expected lines ---\n%s\n--- the guide's block ---\n%s",
                            guide, resource, String.join("\n", wanted), String.join("\n", shown))
                    .isNotNegative();
        }
        return resources;
    }

    /** Lines without indentation, blank lines and whole-line comments: what nginx and HAProxy act on. */
    private static List<String> significantLines(String config) {
        return config.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** docs/deploy, found from the module folder Maven runs tests in (or the repository root). */
    private static Path guides() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("deploy");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new AssertionError("docs/deploy not found above " + Path.of("").toAbsolutePath());
    }
}
