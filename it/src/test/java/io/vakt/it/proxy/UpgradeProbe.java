package io.vakt.it.proxy;

import javax.net.ssl.SSLContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends one WebSocket opening handshake over a raw socket and reads only the answer's head: what a proxy or Vakt
 * answered (101, 403, 426, 404…), without a WebSocket library that hides the status behind its own exception.
 */
public final class UpgradeProbe {
    /** The status code, the headers (names lower-cased), the head's text and the body of a refusal (empty after 101). */
    public record Answer(int status, Map<String, String> headers, String head, String body) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private UpgradeProbe() {}

    /**
     * @param url         {@code ws://host:port/path} or {@code wss://…}
     * @param trust       for wss, the trust to use (null = the JDK default)
     * @param origin      the Origin header, or null for none (a non-browser client)
     * @param subprotocol the Sec-WebSocket-Protocol offered
     */
    public static Answer open(String url, SSLContext trust, String origin, String subprotocol) {
        URI uri = URI.create(url);
        boolean secure = "wss".equals(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        StringBuilder request = new StringBuilder()
                .append("GET ").append(uri.getRawPath()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(port).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(nonce)).append("\r\n")
                .append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
        if (origin != null) request.append("Origin: ").append(origin).append("\r\n");
        request.append("\r\n");
        try (Socket socket = secure
                ? (trust == null ? SSLContext.getDefault() : trust).getSocketFactory().createSocket(uri.getHost(), port)
                : new Socket(uri.getHost(), port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            Answer answer = parse(readHead(in));
            String length = answer.headers().get("content-length");
            if (answer.status() == 101 || length == null) return answer;
            String body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
            return new Answer(answer.status(), answer.headers(), answer.head(), body);
        } catch (IOException e) {
            throw new UncheckedIOException("WebSocket handshake to " + url + " failed: " + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') break;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static Answer parse(String head) {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2) throw new IllegalStateException("no HTTP status line in: " + head);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(), lines[i].substring(colon + 1).trim());
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, head, "");
    }
}
