package io.vakt.it.drivers;

import io.vakt.testkit.EmbeddedServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A site for one driver test: a project folder with the test's controller files and one published variable
 * list binding every point of every controller (writable points writable), served by an embedded Vakt, and
 * watched and written through the real GraphQL API as {@code admin} — the whole path of a value, from the peer
 * through the driver and the hub to a subscriber, and back for writes.
 */
public final class DriverSite implements AutoCloseable {
    private static final String ACCOUNT = "Site";
    private static final String LIST = "Points";
    private static final String SET_DATA =
            "mutation($n: String, $p: String, $v: String) { setData(nodePath: $n, path: $p, value: $v) }";
    private static final String DATA_QUERY =
            "query($p: String!) { data(path: $p) { variables { value path technicalAddress type } } }";
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final EmbeddedServer server;
    private final List<String> addresses;
    private final String token;
    private final List<Subscriber> subscribers = new ArrayList<>();

    private DriverSite(EmbeddedServer server, List<String> addresses) {
        this.server = server;
        this.addresses = addresses;
        this.token = server.api().login(EmbeddedServer.ADMIN, EmbeddedServer.ADMIN_PASSWORD).authToken();
    }

    public static Builder builder(Path workDir) { return new Builder(workDir); }

    public EmbeddedServer server() { return server; }

    /** Base64 node path of the generated list ({@code Points.File}). */
    public String nodePath() { return b64(LIST + ".File"); }

    /** A new subscriber to every element of the list, acknowledged and subscribed. */
    public Subscriber subscribe() {
        Subscriber subscriber = Subscriber.open(server.graphqlWsUrl(), token, nodePath());
        synchronized (subscribers) {
            subscribers.add(subscriber);
        }
        return subscriber;
    }

    /** The value of one point through a {@code data} query, once the driver answered (not Pending); "" if none. */
    public String read(String technicalAddress) { return variable(technicalAddress).path("value").asString(""); }

    /** The update type of one point through a {@code data} query, once the driver answered (not Pending). */
    public String readType(String technicalAddress) { return variable(technicalAddress).path("type").asString(""); }

    private JsonNode variable(String technicalAddress) {
        int index = indexOf(technicalAddress);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        JsonNode last = null;
        while (System.nanoTime() - deadline < 0) {
            JsonNode result = server.api().graphql(token, DATA_QUERY, Map.of("p", nodePath()));
            last = result;
            JsonNode variable = result.path("data").path("data").path("variables").path(index);
            if (!variable.isMissingNode() && !"Pending".equals(variable.path("type").asString(""))) return variable;
            ChildProcess.pause(Duration.ofMillis(50));
        }
        throw new AssertionError(technicalAddress + " still Pending after " + SETTLE + ": " + last);
    }

    /** {@code setData} on the point's element as admin: ok, or the GraphQL error messages. */
    public WriteOutcome write(String technicalAddress, String value) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("n", nodePath());
        variables.put("p", "Cwl.Advise.A[" + indexOf(technicalAddress) + "]");
        variables.put("v", value);
        JsonNode result = server.api().graphql(token, SET_DATA, variables);
        JsonNode errors = result.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(error -> messages.add(error.path("message").asString("")
                    + (error.path("extensions").isMissingNode() ? "" : " " + error.path("extensions"))));
            return new WriteOutcome(false, String.join("; ", messages));
        }
        boolean ok = result.path("data").path("setData").asBoolean(false);
        return new WriteOutcome(ok, ok ? "" : "setData answered " + result);
    }

    /** How {@link #write} went: {@code error} holds the GraphQL error messages (with extensions) when refused. */
    public record WriteOutcome(boolean ok, String error) {}

    private int indexOf(String technicalAddress) {
        for (int i = 0; i < addresses.size(); i++) {
            if (addresses.get(i).equalsIgnoreCase(technicalAddress)) return i;
        }
        throw new IllegalArgumentException(technicalAddress + " is not in the site's list; known: " + addresses);
    }

    @Override
    public void close() {
        synchronized (subscribers) {
            subscribers.forEach(Subscriber::close);
            subscribers.clear();
        }
        server.close();
    }

    static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes the project folder and starts the server. */
    public static final class Builder {
        private final Path workDir;
        private final Map<String, String> controllers = new LinkedHashMap<>();
        private double updatesPerSecond = 50;
        private UnaryOperator<EmbeddedServer.Builder> change = UnaryOperator.identity();

        private Builder(Path workDir) { this.workDir = workDir; }

        /** A controller file, written verbatim to {@code controllers/<name>.yaml}. */
        public Builder controller(String name, String yaml) {
            controllers.put(name, yaml);
            return this;
        }

        /** The hub's throttle per variable (default 50/s, so reconnect cycles are not held back a second each). */
        public Builder updatesPerSecond(double rate) {
            this.updatesPerSecond = rate;
            return this;
        }

        public Builder configure(UnaryOperator<EmbeddedServer.Builder> change) {
            this.change = change;
            return this;
        }

        public DriverSite start() {
            Path project = workDir.resolve("project");
            List<String> addresses = new ArrayList<>();
            try {
                Files.createDirectories(project.resolve("controllers"));
                Files.createDirectories(project.resolve("areas"));
                Files.writeString(project.resolve("project.yaml"), "account: " + ACCOUNT + "\ntitle: Driver test site\n");
                StringBuilder list = new StringBuilder("Title: \"Every point\"\nVariables:\n");
                for (Map.Entry<String, String> controller : controllers.entrySet()) {
                    Files.writeString(project.resolve("controllers").resolve(controller.getKey() + ".yaml"),
                            controller.getValue(), StandardCharsets.UTF_8);
                    for (JsonNode point : new YAMLMapper().readTree(controller.getValue()).path("points")) {
                        String address = controller.getKey() + "." + point.path("address").asString();
                        addresses.add(address);
                        list.append("  - Name: P").append(addresses.size()).append('_')
                                .append(address.replaceAll("[^A-Za-z0-9_]", "_")).append('\n')
                                .append("    Variable: \"*").append(address).append("\"\n");
                        if (isYes(point.path("writable"))) list.append("    Writable: Yes\n");
                    }
                }
                Files.writeString(project.resolve("areas").resolve(LIST + ".pvl.yaml"), list.toString());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test project in " + project, e);
            }
            EmbeddedServer.Builder builder = EmbeddedServer.builder().dataDir(workDir.resolve("data"))
                    .project(project).maxUpdatesPerSecond(updatesPerSecond);
            return new DriverSite(change.apply(builder).start(), List.copyOf(addresses));
        }

        private static boolean isYes(JsonNode node) {
            if (node.isBoolean()) return node.asBoolean();
            String text = node.asString("").toLowerCase(Locale.ROOT);
            return text.equals("yes") || text.equals("true");
        }
    }
}
