package io.vakt.it.drivers;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A GraphQL subscriber on {@code /arrigo/api/graphql/ws} (graphql-transport-ws) watching every element of a
 * list through {@code subscription data(path)}, the way a browser view does. Keeps every update per technical
 * address in arrival order; the {@code await…} methods fail with that history when the wait is over.
 */
public final class Subscriber implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBSCRIPTION =
            "subscription($p: String!) { data(path: $p) { value path technicalAddress type timeStamp } }";

    private final WebSocket socket;
    private final List<LiveUpdate> updates = new ArrayList<>();
    private final StringBuilder protocolErrors = new StringBuilder();
    private boolean acknowledged;

    private Subscriber(String url, String token, String nodePath) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            socket = http.newWebSocketBuilder().subprotocols("graphql-transport-ws")
                    .buildAsync(URI.create(url), new Listener()).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("cannot open the GraphQL WebSocket " + url, e);
        }
        send(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + token)));
        awaitCondition(() -> acknowledged, Duration.ofSeconds(10), "connection_ack");
        send(Map.of("type", "subscribe", "id", "1",
                "payload", Map.of("query", SUBSCRIPTION, "variables", Map.of("p", nodePath))));
    }

    static Subscriber open(String url, String token, String nodePath) { return new Subscriber(url, token, nodePath); }

    public LiveUpdate awaitValue(String technicalAddress, String value, Duration timeout) {
        return await(technicalAddress, update -> update.hasValue() && sameValue(update.value(), value), timeout);
    }

    public LiveUpdate awaitType(String technicalAddress, String type, Duration timeout) {
        return await(technicalAddress, update -> update.type().equals(type), timeout);
    }

    /** The first update of {@code technicalAddress} (received before or during the wait) matching the condition. */
    public LiveUpdate await(String technicalAddress, Predicate<LiveUpdate> condition, Duration timeout) {
        return awaitAfter(technicalAddress, 0, condition, timeout);
    }

    /**
     * Waits until the newest update of {@code technicalAddress} matches: for states ("it is unreachable now",
     * "it has a value again") that may have been reached just before the call — a timeout during a GC pause
     * can make a point unreachable before the test cuts its peer, and no second ErrorUnreachable follows.
     */
    public LiveUpdate awaitLatest(String technicalAddress, Predicate<LiveUpdate> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (updates) {
            while (true) {
                List<LiveUpdate> seen = historyLocked(technicalAddress);
                if (!seen.isEmpty() && condition.test(seen.getLast())) return seen.getLast();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the newest update of " + technicalAddress + " did not match within "
                            + timeout + "; received: " + seen);
                }
                waitOn(left);
            }
        }
    }

    /** Like {@link #await}, but only among updates that arrive after this call: for "it changes again". */
    public LiveUpdate awaitNext(String technicalAddress, Predicate<LiveUpdate> condition, Duration timeout) {
        return awaitAfter(technicalAddress, history(technicalAddress).size(), condition, timeout);
    }

    private LiveUpdate awaitAfter(String technicalAddress, int skip, Predicate<LiveUpdate> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (updates) {
            while (true) {
                List<LiveUpdate> seen = historyLocked(technicalAddress);
                for (int i = skip; i < seen.size(); i++) {
                    if (condition.test(seen.get(i))) return seen.get(i);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching update of " + technicalAddress + " within " + timeout
                            + "; received: " + seen + (protocolErrors.isEmpty() ? "" : "; protocol: " + protocolErrors));
                }
                waitOn(left);
            }
        }
    }

    public List<LiveUpdate> history(String technicalAddress) {
        synchronized (updates) {
            return historyLocked(technicalAddress);
        }
    }

    private List<LiveUpdate> historyLocked(String technicalAddress) {
        return updates.stream().filter(u -> u.technicalAddress().equalsIgnoreCase(technicalAddress)).toList();
    }

    /** Numbers compare by value ({@code 21.5} = {@code 21.50}); anything else as text. */
    static boolean sameValue(String actual, String expected) {
        if (actual.equals(expected)) return true;
        try {
            return Double.parseDouble(actual) == Double.parseDouble(expected);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void received(String text) {
        JsonNode message = JSON.readTree(text);
        String type = message.path("type").asString("");
        synchronized (updates) {
            switch (type) {
                case "connection_ack" -> acknowledged = true;
                case "next" -> {
                    JsonNode data = message.path("payload").path("data").path("data");
                    if (data.isArray()) data.forEach(this::add);
                    else add(data);
                }
                case "ping" -> send(Map.of("type", "pong"));
                case "error", "complete" -> protocolErrors.append(text).append('\n');
                default -> { }
            }
            updates.notifyAll();
        }
    }

    private void add(JsonNode item) {
        if (item.isMissingNode() || item.isNull()) return;
        JsonNode value = item.path("value");
        String text = value.isNull() || value.isMissingNode() ? "" : value.isString() ? value.asString() : value.toString();
        updates.add(new LiveUpdate(item.path("technicalAddress").asString(""), text, item.path("type").asString(""),
                item.path("timeStamp").asString(""), System.nanoTime()));
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (updates) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("no " + what + " within " + timeout + "; " + protocolErrors);
                waitOn(left);
            }
        }
    }

    private void waitOn(long nanos) {
        try {
            updates.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private void send(Object message) {
        socket.sendText(JSON.writeValueAsString(message), true).join();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (updates) {
                protocolErrors.append(String.format(Locale.ROOT, "closed %d %s%n", statusCode, reason));
                updates.notifyAll();
            }
            return null;
        }
    }
}
