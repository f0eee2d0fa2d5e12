package io.vakt.server.diag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 client over a real socket whose source address the test picks (127.0.0.1 acts as the trusted
 * proxy, 127.0.0.2 as a stranger; Linux routes all of 127/8), and which sends exactly the headers it is given —
 * Host, Origin, Upgrade and forwarding headers included, which Java's HttpClient refuses or rewrites.
 */
final class RawHttp {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    }

    private RawHttp() {}

    /**
     * Sends one request and reads the answer: the whole body for ordinary answers (sent with
     * {@code Connection: close}), only the head for {@code 101 Switching Protocols}.
     *
     * @param head request line and headers, each line without CRLF; Host, Connection and Content-Length are
     *             added unless present
     */
    static Response exchange(String from, int port, String body, String... head) {
        StringBuilder request = new StringBuilder();
        boolean hasHost = false;
        boolean hasConnection = false;
        for (String line : head) {
            request.append(line).append("\r\n");
            String lower = line.toLowerCase(Locale.ROOT);
            hasHost |= lower.startsWith("host:");
            hasConnection |= lower.startsWith("connection:");
        }
        if (!hasHost) request.append("Host: 127.0.0.1:").append(port).append("\r\n");
        if (!hasConnection) request.append("Connection: close\r\n");
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) request.append("Content-Length: ").append(content.length).append("\r\n");
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new AssertionError("HTTP exchange from " + from + " failed: " + e, e);
        }
    }

    /** A WebSocket opening handshake (RFC 6455) for {@code path}, plus any extra header lines. */
    static Response upgrade(String from, int port, String path, String subprotocol, String... extra) {
        String[] head = new String[5 + extra.length];
        head[0] = "GET " + path + " HTTP/1.1";
        head[1] = "Upgrade: websocket";
        head[2] = "Connection: Upgrade";
        head[3] = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==";
        head[4] = "Sec-WebSocket-Version: 13";
        System.arraycopy(extra, 0, head, 5, extra.length);
        String[] withProtocol = java.util.Arrays.copyOf(head, head.length + 1);
        withProtocol[head.length] = "Sec-WebSocket-Protocol: " + subprotocol;
        return exchange(from, port, null, withProtocol);
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed before the end of the answer's head");
            headBytes.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        if (status == 101) return new Response(status, headers, "");
        byte[] rest;
        String length = headers.get("content-length");
        if (length != null) {
            rest = in.readNBytes(Integer.parseInt(length));
        } else {
            rest = in.readAllBytes();
        }
        return new Response(status, headers, new String(rest, StandardCharsets.UTF_8));
    }
}
