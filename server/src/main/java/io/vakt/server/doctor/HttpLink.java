package io.vakt.server.doctor;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP to the target through the JDK's client: HTTP/1.1 (what proxies upgrade), never following redirects (a
 * redirect is a finding), every request with the run's timeout, and the TLS trust the TLS check settled on.
 */
final class HttpLink implements AutoCloseable {
    /** An answer; header names lower-case. */
    record Reply(int status, Map<String, List<String>> headers, String body) {
        Optional<String> header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
        }

        /** The {@code Server} header, e.g. {@code nginx/1.22.1}, or empty. */
        String server() { return header("server").orElse(""); }

        /**
         * Vakt marks all its answers with {@code X-Vakt-Version}, refused upgrades included; nginx and HAProxy pass
         * it through, so an answer without it came from something else on the way.
         */
        boolean fromVakt() { return header("x-vakt-version").isPresent(); }

        /** The body cut to one short line, for a detail text. */
        String bodySnippet() {
            String flat = body == null ? "" : body.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip();
            return flat.length() > 160 ? flat.substring(0, 157) + "..." : flat;
        }
    }

    private final DoctorTarget target;
    private final Duration timeout;
    private final HttpClient client;

    HttpLink(DoctorTarget target, Duration timeout, SSLContext tls) {
        this.target = target;
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout);
        if (tls != null) builder.sslContext(tls);
        this.client = builder.build();
    }

    DoctorTarget target() { return target; }

    Duration timeout() { return timeout; }

    Reply get(String apiPath, String... headers) throws IOException, InterruptedException {
        return send(request(apiPath, headers).GET().build());
    }

    Reply postJson(String apiPath, String json, String... headers) throws IOException, InterruptedException {
        return send(request(apiPath, headers).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A WebSocket builder of the same client (same trust), with the run's timeout on the opening handshake. */
    WebSocket.Builder webSocket() { return client.newWebSocketBuilder().connectTimeout(timeout); }

    private HttpRequest.Builder request(String apiPath, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(apiPath)).timeout(timeout);
        for (int i = 0; i < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        return builder;
    }

    URI uri(String apiPath) { return target.httpUri(apiPath); }

    private Reply send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), lowerCase(response.headers().map()), response.body());
    }

    static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new java.util.TreeMap<>();
        headers.forEach((name, values) -> lower.put(name.toLowerCase(Locale.ROOT), values));
        return lower;
    }

    @Override
    public void close() { client.close(); }
}
