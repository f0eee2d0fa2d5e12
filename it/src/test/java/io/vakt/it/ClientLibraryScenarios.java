package io.vakt.it;

import io.vakt.testkit.ApiClient;
import io.vakt.testkit.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static io.vakt.it.ItSupport.CLOCK_ADDRESS;
import static io.vakt.it.ItSupport.DATA_SUBSCRIPTION;
import static io.vakt.it.ItSupport.SETPOINT_ADDRESS;
import static io.vakt.it.ItSupport.SETPOINT_ELEMENT;
import static io.vakt.it.ItSupport.SYSTEM_AIR;
import static io.vakt.it.ItSupport.UPDATE_TYPES;
import static io.vakt.it.ItSupport.b64;
import static io.vakt.it.ItSupport.vars;
import static io.vakt.it.NodeClients.text;
import static io.vakt.it.NodeClients.type;
import static io.vakt.it.NodeClients.variable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scenarios every GraphQL WebSocket client library must pass against a real server, run once per library
 * by {@link LegacyProtocolIT} and {@link TransportWsProtocolIT}. Numbers in names and comments are the items of
 * the conformance checklist (spec §16).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClientLibraryScenarios {
    static final Duration WAIT = Duration.ofSeconds(10);
    /** What the demo's SystemAir list binds, by entry name (core/src/main/resources/vakt-demo). */
    private static final Map<String, String> SYSTEM_AIR_BOUND = Map.of(
            "Second", CLOCK_ADDRESS, "SupplyTemp", "AHU1.GT11", "SupplySetpoint", SETPOINT_ADDRESS,
            "ExtractTemp", "AHU1.GT21", "OutdoorTemp", "AHU1.GT31", "SupplyFan", "AHU1.TF1_FB",
            "ExtractFan", "AHU1.FF1_FB", "RunMode", "AHU1.RUNMODE");
    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}";

    EmbeddedServer server;

    /** The client script in {@code it/src/test/node}. */
    abstract String script();

    /** The subprotocol the library negotiates (checklist 40, 47). */
    abstract String subprotocol();

    /** Checks the raw payload of the {@code error} message sent on token expiry (checklist 46, 51). */
    abstract void assertExpiryErrorPayload(JsonNode payload);

    @BeforeAll
    void startServer() {
        NodeClients.assumeOrFailWhenRequired();
        server = EmbeddedServer.builder().driverSetting("simulator", "unreachableChance", "0").start();
    }

    @AfterAll
    void stopServer() {
        if (server != null) server.close();
    }

    NodeClients subscribe(EmbeddedServer target, String token, String nodePath, Map<String, Object> extra) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("url", target.graphqlWsUrl());
        options.put("token", token);
        options.put("query", DATA_SUBSCRIPTION);
        options.put("variables", vars("p", nodePath));
        options.put("take", 100_000);
        options.put("timeoutMs", 30_000);
        options.putAll(extra);
        return NodeClients.start(script(), options);
    }

    @Test
    void subscribesToSystemAirAndGetsEveryBoundVariableAtOnceThenUpdates() {
        ApiClient api = server.api();
        String token = api.login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();

        // list folders down to the published list, as the vendor's sample client does
        JsonNode root = api.graphql(token, """
                { folder { id name folders { items { id name
                    ... on UserArea { publishedVariableLists { name path } } } } } }""", Map.of());
        JsonNode landskrona = null;
        for (JsonNode item : root.path("data").path("folder").path("folders").path("items")) {
            if ("Landskrona".equals(text(item.get("name")))) landskrona = item;
        }
        assertThat(landskrona).as("top-level folder Landskrona in %s", root).isNotNull();
        assertThat(text(landskrona.get("id"))).isEqualTo(b64("Landskrona"));
        String listPath = null;
        for (JsonNode list : landskrona.path("publishedVariableLists")) {
            if ("SystemAir".equals(text(list.get("name")))) listPath = text(list.get("path"));
        }
        assertThat(listPath).as("path of SystemAir").isEqualTo(SYSTEM_AIR);

        // read the list (node) and work out which element path each bound entry has
        JsonNode content = api.graphql(token, "query($p: String!) { node(path: $p) { content hash } }", vars("p", listPath))
                .path("data").path("node").path("content").path("Cwl");
        Map<String, String> boundAddressByElement = boundElements(content);
        assertThat(boundAddressByElement).as("bound elements of SystemAir").hasSize(SYSTEM_AIR_BOUND.size());

        try (NodeClients client = subscribe(server, token, listPath, Map.of())) {
            JsonNode open = client.awaitEvent("socket-open", type("socket-open"), WAIT);
            assertThat(text(open.get("protocol"))).as("negotiated subprotocol").isEqualTo(subprotocol());
            client.awaitEvent("connected", type("connected"), WAIT);
            long connectedAt = System.nanoTime();

            // 36: one message per readable bound variable straight away, without waiting for a change
            Map<String, JsonNode> first = new LinkedHashMap<>();
            while (!first.keySet().containsAll(boundAddressByElement.keySet())) {
                JsonNode data = client.awaitEvent("a data message for each bound element " + boundAddressByElement.keySet()
                        + " (have " + first.keySet() + ")", type("data"), WAIT);
                first.putIfAbsent(text(variable(data).get("path")), variable(data));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - connectedAt)).as("time to the initial messages")
                    .isLessThan(Duration.ofSeconds(3));
            first.forEach((path, value) -> {
                if (!boundAddressByElement.containsKey(path)) return;
                assertThat(text(value.get("technicalAddress"))).as("technicalAddress of %s", path)
                        .isEqualTo(boundAddressByElement.get(path));
                assertThat(text(value.get("type"))).as("first message of %s", path)
                        .isIn("Pending", "Response", "Update");
            });

            // then updates: the clock changes every second
            String clockElement = elementOf(boundAddressByElement, CLOCK_ADDRESS);
            JsonNode tick = variable(client.awaitEvent("an Update of the clock",
                    dataFor(clockElement).and(e -> "Update".equals(text(variable(e).get("type")))), WAIT));
            assertThat(tick.get("value").isNumber()).as("numeric value as a JSON number: %s", tick).isTrue();
            JsonNode next = variable(client.awaitEvent("a second clock value",
                    dataFor(clockElement).and(e -> !variable(e).path("value").equals(tick.get("value"))), WAIT));
            assertThat(text(next.get("type"))).isEqualTo("Update");

            // 35: every message carries the five fields with a known type
            for (JsonNode data : client.events(type("data"))) assertVariableShape(variable(data));
        }
    }

    @Test
    void aWriteBySecondClientOverHttpReachesTheSubscriber() {
        ApiClient api = server.api();
        String token = api.login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
        try (NodeClients client = subscribe(server, token, SYSTEM_AIR, Map.of())) {
            JsonNode current = variable(client.awaitEvent("a value of the setpoint", dataFor(SETPOINT_ELEMENT)
                    .and(e -> variable(e).path("value").isNumber()), WAIT));
            double wanted = current.get("value").asDouble() == 21.5 ? 22.5 : 21.5;

            // a second client (its own login) writes over HTTP
            String writer = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
            JsonNode result = ItSupport.setData(server.api(), writer, SYSTEM_AIR, SETPOINT_ELEMENT, Double.toString(wanted));
            assertThat(result.path("data").path("setData").asBoolean()).as("setData result %s", result).isTrue();

            JsonNode arrived = variable(client.awaitEvent("the written setpoint", dataFor(SETPOINT_ELEMENT)
                    .and(e -> variable(e).path("value").isNumber() && variable(e).get("value").asDouble() == wanted), WAIT));
            assertThat(text(arrived.get("technicalAddress"))).isEqualTo(SETPOINT_ADDRESS);
            assertVariableShape(arrived);
        }
    }

    /** 46 / 51: expiry sends INVALID_AUTH_TOKEN to each operation, closes 4401; the client refreshes and resubscribes. */
    @Test
    void tokenExpiryEndsTheSubscriptionAndTheClientRefreshesAndResubscribes() {
        try (EmbeddedServer shortLived = EmbeddedServer.builder().accessTokenLifetime(Duration.ofSeconds(5))
                .driverSetting("simulator", "unreachableChance", "0").start()) {
            ApiClient.Tokens tokens = shortLived.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD);
            assertThat(tokens.expiresIn()).isEqualTo(5);
            try (NodeClients client = subscribe(shortLived, tokens.authToken(), SYSTEM_AIR, Map.of(
                    "refresh", Map.of("refreshToken", tokens.refreshToken()), "takeAfterRefresh", 2, "frames", true))) {
                client.awaitEvent("data before expiry", type("data", 1), WAIT);
                JsonNode errorFrame = client.awaitEvent("the raw INVALID_AUTH_TOKEN error message",
                        type("frame").and(e -> "error".equals(text(e.path("message").get("type")))), Duration.ofSeconds(12));
                assertExpiryErrorPayload(errorFrame.path("message").path("payload"));
                assertThat(text(errorFrame.path("message").get("id"))).as("operation id of the error").isNotBlank();

                JsonNode error = client.awaitEvent("the library's error callback", type("error", 1), WAIT);
                assertThat(error.toString()).contains("INVALID_AUTH_TOKEN");
                JsonNode closed = client.awaitEvent("socket-closed", type("socket-closed"), WAIT);
                assertThat(closed.path("code").asInt()).as("close code").isEqualTo(4401);
                assertThat(text(closed.get("reason"))).as("close reason").isEqualTo("INVALID_AUTH_TOKEN");
                assertThat(closed.get("seq").asInt()).as("close after the error message").isGreaterThan(errorFrame.get("seq").asInt());

                JsonNode refreshed = client.awaitEvent("refreshed", type("refreshed"), WAIT);
                assertThat(refreshed.path("status").asInt()).isEqualTo(200);
                client.awaitEvent("connected again", type("connected", 2), WAIT);
                JsonNode again = client.awaitEvent("data after resubscribing", type("data", 2), WAIT);
                assertVariableShape(variable(again));
                client.awaitEvent("done", type("done"), WAIT);
            }
        }
    }

    /** 24: the data subscription with an unknown or non-Base64 path yields the error message "Invalid path". */
    @Test
    void unknownPathYieldsInvalidPath() {
        String token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
        for (String path : List.of(b64("Landskrona.NoSuchList.File"), "not base64 at all!")) {
            try (NodeClients client = subscribe(server, token, path, Map.of("take", 1))) {
                Predicate<JsonNode> invalidPath = type("data").or(type("error"))
                        .and(e -> e.toString().contains("\"Invalid path\""));
                JsonNode answer = client.awaitEvent("Invalid path for " + path, invalidPath, WAIT);
                if ("data".equals(text(answer.get("type")))) {
                    assertThat(answer.path("result").path("errors").get(0).path("message").stringValue()).isEqualTo("Invalid path");
                }
                assertThat(client.events(type("data").and(e -> variable(e).has("value")))).as("values for an invalid path").isEmpty();
            }
        }
    }

    /** 45 / 50: a query runs over the socket too and yields one result. */
    @Test
    void aQueryOverTheSocketYieldsOneResult() {
        String token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("url", server.graphqlWsUrl());
        options.put("token", token);
        options.put("query", "query($id: ID) { folder(id: $id) { id name title } }");
        options.put("variables", vars("id", b64("Landskrona")));
        options.put("take", 1);
        options.put("frames", true);
        try (NodeClients client = NodeClients.start(script(), options)) {
            JsonNode data = client.awaitEvent("the query result", type("data"), WAIT);
            assertThat(text(data.path("result").path("data").path("folder").get("name"))).isEqualTo("Landskrona");
            client.awaitEvent("done", type("done"), WAIT);
            List<JsonNode> frames = client.events(type("frame").and(e -> e.path("message").has("payload")
                    && e.path("message").path("payload").has("data")));
            assertThat(frames).as("result messages").hasSize(1);
            client.awaitEvent("complete after the result", type("frame").and(e -> "complete".equals(text(e.path("message").get("type")))), WAIT);
        }
    }

    // ---- helpers ----

    static Predicate<JsonNode> dataFor(String elementPath) {
        return type("data").and(e -> elementPath.equals(text(variable(e).get("path"))));
    }

    static void assertVariableShape(JsonNode value) {
        assertThat(value.propertyNames()).as("fields of %s", value)
                .containsExactlyInAnyOrder("value", "path", "technicalAddress", "type", "timeStamp");
        assertThat(text(value.get("path"))).matches("Cwl\\.Advise\\.A\\[\\d+]");
        assertThat(text(value.get("technicalAddress"))).isNotBlank();
        assertThat(text(value.get("type"))).isIn(UPDATE_TYPES);
        assertThat(text(value.get("timeStamp"))).as("timeStamp of %s", value).matches(TIMESTAMP);
        // spec §5.4: UTC without a zone suffix; the samples are at most seconds old
        Instant stamp = LocalDateTime.parse(text(value.get("timeStamp"))).toInstant(ZoneOffset.UTC);
        assertThat(Duration.between(stamp, Instant.now()).abs()).as("timeStamp %s read as UTC vs now", stamp)
                .isLessThan(Duration.ofMinutes(2));
    }

    /**
     * Element path ({@code Cwl.Advise.A[k]}) → technical address for each bound SystemAir entry, found through the
     * content's AdviseRefs and ElementRefs (spec §5.2).
     */
    static Map<String, String> boundElements(JsonNode cwl) {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode advise = cwl.path("Advise").path("A");
        for (int k = 0; k < advise.size(); k++) {
            for (JsonNode ref : cwl.path("AdviseRefs").path("A").path(k)) {
                JsonNode elementRef = cwl.path("ElementRefs").path(ref.asInt());
                int child = elementRef.path(0).path(0).asInt();
                String name = text(cwl.path("children").path(child).path("attributes").get("Name"));
                String address = SYSTEM_AIR_BOUND.get(name);
                if (address != null) result.put("Cwl.Advise.A[" + k + "]", address);
            }
        }
        return result;
    }

    static String elementOf(Map<String, String> byElement, String address) {
        return byElement.entrySet().stream().filter(e -> e.getValue().equals(address)).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
    }
}
