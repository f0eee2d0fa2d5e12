package io.vakt.it.proxy;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain JDK HTTP/1.1 requests through a proxy, optionally trusting a test certificate authority. */
public final class ProxyHttp {
    private ProxyHttp() {}

    /** An HTTP/1.1 client that follows no redirects; {@code trust} null = the JDK's default trust. */
    public static HttpClient client(SSLContext trust) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER);
        if (trust != null) builder.sslContext(trust);
        return builder.build();
    }

    /** A POST of a JSON body. */
    public static HttpResponse<String> postJson(HttpClient client, String url, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(client, request.build());
    }

    /** A status code and body from {@link #getFrom}. */
    public record RawResponse(int status, String head, String body) {}

    /**
     * A plain-HTTP GET (HTTP/1.0, so the server closes) from a chosen loopback source address, e.g. 127.0.0.2, to
     * 127.0.0.1:port: the JDK client cannot pick its source address, and the tests need a client that is not
     * the trusted 127.0.0.1. Headers as name, value pairs.
     */
    public static RawResponse getFrom(String sourceAddress, int port, String path, String... headers) {
        StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.0\r\nHost: 127.0.0.1:")
                .append(port).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        request.append("\r\n");
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getByName(sourceAddress), 0));
            socket.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 5000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            return new RawResponse(Integer.parseInt(head.split(" ", 3)[1]), head, body);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " from " + sourceAddress + " to port " + port + " failed", e);
        }
    }

    public static HttpResponse<String> get(HttpClient client, String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET();
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return send(client, request.build());
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
