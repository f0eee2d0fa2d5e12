package io.vakt.scripting.engine;

import io.vakt.core.error.Fault;
import io.vakt.scripting.FetchPolicy;
import org.graalvm.polyglot.Value;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The host side of {@code fetch} (spec §8.5 decision): only http and https, only to allow-listed hosts, no
 * redirects followed (a redirect could leave the allow list), one time-out for the whole request and a cap on
 * the body. The request runs on the HTTP client's own threads; its outcome is posted to the call's event loop.
 */
final class Fetcher implements AutoCloseable {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(200, "OK"), Map.entry(201, "Created"), Map.entry(202, "Accepted"), Map.entry(204, "No Content"),
            Map.entry(301, "Moved Permanently"), Map.entry(302, "Found"), Map.entry(303, "See Other"),
            Map.entry(304, "Not Modified"), Map.entry(307, "Temporary Redirect"), Map.entry(308, "Permanent Redirect"),
            Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
            Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"), Map.entry(502, "Bad Gateway"),
            Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

    private final FetchPolicy policy;
    private final Set<String> allowed;
    private HttpClient client; // created on first use: most servers never allow fetch

    Fetcher(FetchPolicy policy) {
        this.policy = policy;
        this.allowed = policy.allowedHosts().stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * @param requestJson {@code {method, headers: {name: value}, body: string|null}}
     * @param onOk        JavaScript {@code (json) => …} with {@code {status, statusText, url, headers, body}}
     * @param onErr       JavaScript {@code (message, uri) => …}
     */
    void start(CallRun run, String url, String requestJson, Value onOk, Value onErr) {
        run.pendingUp();
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            reject(run, onErr, "fetch: invalid URL \"" + url + "\"", null);
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            reject(run, onErr, "fetch supports http and https URLs only, not \"" + url + "\"", null);
            return;
        }
        String host = uri.getHost();
        if (host == null) {
            reject(run, onErr, "fetch: invalid URL \"" + url + "\"", null);
            return;
        }
        String target = uri.getPort() == -1 ? host : host + ":" + uri.getPort();
        if (!isAllowed(host, uri.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : uri.getPort())) {
            reject(run, onErr, "fetch to " + target + " is not allowed: add it to ssf.fetch.allowedHosts",
                    Fault.FETCH_REFUSED.wampUri());
            return;
        }
        HttpRequest request;
        try {
            request = request(uri, (Map<?, ?>) Json.read(requestJson));
        } catch (IllegalArgumentException | JacksonException | ClassCastException e) {
            reject(run, onErr, "fetch: " + (e.getMessage() == null ? "invalid request" : e.getMessage()), null);
            return;
        }
        client().sendAsync(request, LimitedBody.handler(policy.maxResponseBytes()))
                .orTimeout(policy.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> run.post(() -> {
                    run.pendingDown();
                    if (error != null) {
                        onErr.executeVoid(failure(Rejection.unwrap(error), target), null);
                    } else {
                        onOk.executeVoid(Json.write(response(uri, response)));
                    }
                }));
    }

    private boolean isAllowed(String host, int port) {
        String name = host.toLowerCase(Locale.ROOT);
        return allowed.contains(name) || allowed.contains(name + ":" + port);
    }

    private HttpRequest request(URI uri, Map<?, ?> options) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(policy.timeout());
        if (options.get("headers") instanceof Map<?, ?> headers) {
            headers.forEach((name, value) -> builder.header(String.valueOf(name), String.valueOf(value)));
        }
        String method = options.get("method") instanceof String m ? m : "GET";
        Object body = options.get("body");
        builder.method(method, body instanceof String text
                ? HttpRequest.BodyPublishers.ofString(text) : HttpRequest.BodyPublishers.noBody());
        return builder.build();
    }

    private static Map<String, Object> response(URI uri, HttpResponse<byte[]> response) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", response.statusCode());
        out.put("statusText", REASONS.getOrDefault(response.statusCode(), ""));
        out.put("url", uri.toString());
        out.put("headers", headers);
        out.put("body", new String(response.body(), charset(headers.get("content-type"))));
        return out;
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.trim();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return Charset.forName(p.substring(8).replace("\"", "").trim());
                    } catch (IllegalArgumentException unknown) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private String failure(Throwable error, String target) {
        if (error instanceof HttpTimeoutException || error instanceof TimeoutException) {
            return "fetch to " + target + " timed out after " + Sizes.duration(policy.timeout()) + " (limit ssf.fetch.timeout)";
        }
        if (error instanceof LimitedBody.TooLarge) {
            return "the response from " + target + " is larger than " + Sizes.bytes(policy.maxResponseBytes())
                    + " (limit ssf.fetch.maxResponseSize)";
        }
        if (error instanceof ConnectException) return "fetch to " + target + " failed: connection refused";
        if (error instanceof IOException && error.getMessage() != null) return "fetch to " + target + " failed: " + error.getMessage();
        return "fetch to " + target + " failed";
    }

    private static void reject(CallRun run, Value onErr, String message, String uri) {
        run.post(() -> {
            run.pendingDown();
            onErr.executeVoid(message, uri);
        });
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(policy.timeout())
                    .build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        if (client != null) client.shutdownNow();
    }
}
