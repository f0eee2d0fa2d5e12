package io.vakt.it;

import io.vakt.core.live.LiveValuesConfig;
import io.vakt.server.config.VaktConfig;
import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.vakt.it.ItSupport.AHU1_LIST;
import static io.vakt.it.ItSupport.DATA_SUBSCRIPTION;
import static io.vakt.it.RawWebSocket.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Latest value wins, end to end: a client that stops reading does not make the server queue its updates. Once
 * its socket is full the server keeps only the newest value per variable (counted in
 * {@code vakt_updates_coalesced_total{stage="slow_client"}}), other clients of the same subscription group go on
 * receiving, and when the slow client reads again it gets current values, not a backlog of old ones.
 */
class SlowClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern DATA = Pattern.compile("\"path\":\"([^\"]+)\".*?\"timeStamp\":\"([^\"]+)\"");
    /** One subscription of the slow client per id: enough traffic to fill the socket buffers within seconds. */
    private static final int SUBSCRIPTIONS = 40;
    /**
     * The slow client watches the room lists too: their temperatures and CO2 move with noise on every tick at any
     * hour, while at night most AHU points stand still (fans off), which once left too little traffic to fill the
     * kernel's socket buffers within the wait.
     */
    private static final List<String> BUSY_LISTS = List.of(AHU1_LIST, ItSupport.b64("Landskrona.Floor1.Rooms.File"),
            ItSupport.b64("Landskrona.Floor2.Rooms.File"));

    private EmbeddedServer server;
    private ApiClient.Tokens tokens;

    @BeforeEach
    void start() {
        server = EmbeddedServer.builder()
                .simulatorInterval(Duration.ofMillis(50))
                .configure(config -> config
                        .withLiveValues(new LiveValuesConfig(0, config.liveValues().linger(), config.liveValues().pollLease()))
                        .withWebSocket(new VaktConfig.WebSocket(config.webSocket().pingInterval(), false, 8 * 1024)))
                .start();
        tokens = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    @Test
    void aClientThatStopsReadingGetsTheNewestValuesWhileOthersKeepReceiving() throws Exception {
        try (Socket slow = new Socket(); RawWebSocket fast = RawWebSocket.connect(server.graphqlWsUrl(), "graphql-ws")) {
            slow.setReceiveBufferSize(2048);
            slow.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            slow.setSoTimeout(5000);
            upgrade(slow);
            OutputStream out = slow.getOutputStream();
            out.write(maskedText("{\"type\":\"connection_init\",\"payload\":{\"Authorization\":\"Bearer " + tokens.authToken() + "\"}}"));
            for (int id = 1; id <= SUBSCRIPTIONS; id++) {
                out.write(maskedText("{\"id\":\"" + id + "\",\"type\":\"start\",\"payload\":{\"query\":"
                        + ItSupport.JSON.writeValueAsString(DATA_SUBSCRIPTION) + ",\"variables\":{\"p\":\""
                        + BUSY_LISTS.get(id % BUSY_LISTS.size()) + "\"}}}"));
            }
            out.flush();

            fast.sendJson(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + tokens.authToken())));
            fast.awaitMessage(ofType("connection_ack"), WAIT);
            fast.sendJson(Map.of("id", "f", "type", "start",
                    "payload", Map.of("query", DATA_SUBSCRIPTION, "variables", Map.of("p", AHU1_LIST))));

            // the slow client reads nothing: its socket fills and the server starts keeping only the newest values
            await().atMost(WAIT).until(() -> slowClientConflations() > 0);

            // meanwhile the other member of the same subscription group is served as usual
            int before = fast.messages(ofType("data")).size();
            await().atMost(WAIT).until(() -> fast.messages(ofType("data")).size() >= before + 200);

            // reading again, the slow client gets current values: never more than a few seconds old
            Map<String, Instant> newest = readFor(slow, Duration.ofSeconds(3));
            assertThat(newest).isNotEmpty();
            Instant latest = newest.values().stream().max(Instant::compareTo).orElseThrow();
            assertThat(latest).isAfter(Instant.now().minusSeconds(5));
        }
    }

    private double slowClientConflations() {
        String metrics = server.api().get("/metrics", tokens.authToken()).body();
        Matcher matcher = Pattern.compile("vakt_updates_coalesced_total\\{stage=\"slow_client\"} ([0-9.Ee+]+)").matcher(metrics);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }

    private void upgrade(Socket tcp) throws IOException {
        tcp.getOutputStream().write(("GET /arrigo/api/graphql/ws HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: graphql-ws\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        tcp.getOutputStream().flush();
        InputStream in = tcp.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new AssertionError("connection closed during the handshake: " + head);
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 101");
    }

    /** Reads server frames for a while; returns, per element path, the newest time stamp seen in the last frames. */
    private static Map<String, Instant> readFor(Socket tcp, Duration duration) throws IOException {
        InputStream in = tcp.getInputStream();
        Map<String, Instant> newest = new HashMap<>();
        long end = System.nanoTime() + duration.toNanos();
        tcp.setSoTimeout(200);
        while (System.nanoTime() < end) {
            int first;
            try {
                first = in.read();
            } catch (SocketTimeoutException idle) {
                continue;
            }
            if (first < 0) break;
            long length = in.read() & 0x7f;
            if (length == 126) length = ((long) in.read() << 8) | in.read();
            else if (length == 127) length = new java.io.DataInputStream(in).readLong();
            byte[] payload = in.readNBytes((int) length);
            if ((first & 0x0f) != 0x1) continue;
            Matcher data = DATA.matcher(new String(payload, StandardCharsets.UTF_8));
            if (data.find()) {
                newest.put(data.group(1), LocalDateTime.parse(data.group(2)).toInstant(ZoneOffset.UTC));
            }
        }
        return newest;
    }

    /** A client text frame: FIN, masked (RFC 6455 §5.3). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        int header = payload.length < 126 ? 2 : 4;
        byte[] frame = new byte[header + 4 + payload.length];
        frame[0] = (byte) 0x81;
        if (payload.length < 126) {
            frame[1] = (byte) (0x80 | payload.length);
        } else {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        }
        System.arraycopy(mask, 0, frame, header, 4);
        for (int i = 0; i < payload.length; i++) frame[header + 4 + i] = (byte) (payload[i] ^ mask[i % 4]);
        return frame;
    }

}
