package io.vakt.server.doctor;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Step 8: a GraphQL {@code data} subscription that receives a value, over {@code graphql-transport-ws}: find a
 * published variable list this user sees, sign in inside the protocol, subscribe, and wait for a value.
 */
final class GraphqlCheck {
    static final String NAME = "GraphQL subscription";
    /** Folders four levels deep: where the lists of common projects sit. */
    static final String FIND_LISTS = """
            fragment lists on UserArea { publishedVariableLists { name path } }
            query { folder { folders { items { ...lists folders { items { ...lists folders { items { ...lists
              folders { items { ...lists } } } } } } } } } }""";
    static final String SUBSCRIPTION =
            "subscription($p: String!) { data(path: $p) { value path technicalAddress type timeStamp } }";
    private static final List<String> VALUE_TYPES = List.of("Response", "Update");

    private GraphqlCheck() {}

    static StepResult run(RunContext run) throws InterruptedException {
        JsonNode list;
        try {
            list = firstList(run);
        } catch (IOException e) {
            return StepResult.fail(NAME, "the folder query failed: " + DoctorText.describe(e), "POST /graphql did not answer", "see Vakt's log");
        }
        if (list == null) {
            return StepResult.skip(NAME, "user " + run.user + " sees no published variable list (four folder levels deep), so there is nothing to subscribe to; use a user that sees one");
        }
        UpgradeOutcome outcome = UpgradeProbe.open(run.link, WebSocketChecks.GRAPHQL_PATH, WebSocketChecks.TRANSPORT_WS);
        if (!(outcome instanceof UpgradeOutcome.Upgraded up)) {
            return StepResult.fail(NAME, "the WebSocket did not open this time", "the upgrade worked a moment ago and now fails: an unstable proxy or firewall",
                    "run the doctor again and look at the proxy's error log");
        }
        WsSession session = up.session();
        run.graphqlSession = session;
        Duration timeout = run.options.timeout();
        String listName = Json.text(list, "name");
        try {
            session.send(Json.write(Map.of("type", "connection_init", "payload", Map.of("Authorization", "Bearer " + run.token))));
            JsonNode ack = Json.parse(session.nextText(timeout));
            if (!"connection_ack".equals(Json.text(ack, "type"))) {
                return StepResult.fail(NAME, "no connection_ack within " + timeout.toSeconds() + " s", "the server did not accept the session",
                        "see Vakt's log");
            }
            session.send(Json.write(Map.of("id", "1", "type", "subscribe", "payload",
                    Map.of("query", SUBSCRIPTION, "variables", Map.of("p", Json.text(list, "path"))))));
            return awaitValue(session, listName, timeout);
        } catch (WsSession.EndedException e) {
            boolean tokenRefused = e.ended().code() == 4403 || e.ended().code() == 4401;
            return StepResult.fail(NAME, "the socket " + e.ended().describe(),
                    tokenRefused ? "the server refused the access token inside the protocol" : "the socket ended during the subscription",
                    tokenRefused ? "sign in again" : "look at the proxy's and Vakt's logs");
        }
    }

    private static StepResult awaitValue(WsSession session, String listName, Duration timeout)
            throws WsSession.EndedException, InterruptedException {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        String lastErrorType = null;
        while (System.nanoTime() < deadline) {
            String text = session.nextText(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (text == null) break;
            JsonNode message = Json.parse(text);
            String type = Json.text(message, "type");
            if ("error".equals(type)) {
                return StepResult.fail(NAME, "the server answered the subscription with an error: " + message.path("payload"),
                        "the subscription was refused", "check the user's rights on list " + listName);
            }
            if (!"next".equals(type)) continue;
            JsonNode variable = message.path("payload").path("data").path("data");
            String updateType = Json.text(variable, "type");
            if (VALUE_TYPES.contains(updateType)) {
                session.send(Json.write(Map.of("id", "1", "type", "complete"))); // quiet from here on, for the idle check
                return StepResult.ok(NAME, "list " + listName + ": " + Json.text(variable, "technicalAddress") + " = "
                        + variable.path("value") + " after " + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
            lastErrorType = updateType;
        }
        if (lastErrorType != null) {
            return StepResult.warn(NAME, "list " + listName + ": updates arrive, but only of type " + lastErrorType,
                    "the WebSocket path works; Vakt cannot read the controller (type " + lastErrorType + ")",
                    "check the controller's connection in Vakt's log");
        }
        return StepResult.fail(NAME, "list " + listName + ": no value within " + timeout.toSeconds() + " s",
                "the subscription started but no value arrived: a proxy may buffer WebSocket frames, or the controller is offline",
                "nginx: do not set proxy_buffering for the WebSocket location; check the controller in Vakt's log");
    }

    private static JsonNode firstList(RunContext run) throws IOException, InterruptedException {
        HttpLink.Reply reply = run.link.postJson("/graphql", Json.write(Map.of("query", FIND_LISTS)),
                "Authorization", "Bearer " + run.token);
        return find(Json.parse(reply.body()).path("data"));
    }

    /** The first published variable list anywhere in the answer, depth first. */
    private static JsonNode find(JsonNode node) {
        JsonNode lists = node.path("publishedVariableLists");
        if (lists.isArray() && !lists.isEmpty()) return lists.get(0);
        if (node.isContainer()) {
            for (JsonNode child : node) {
                JsonNode found = find(child);
                if (found != null) return found;
            }
        }
        return null;
    }
}
