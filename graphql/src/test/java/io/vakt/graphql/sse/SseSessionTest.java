package io.vakt.graphql.sse;

import io.vakt.graphql.RequestContext;
import io.vakt.graphql.live.GroupMember;
import io.vakt.graphql.support.MutableClock;
import io.vakt.graphql.ws.FakeTokens;
import io.vakt.graphql.ws.OperationExecutor;
import io.vakt.graphql.ws.OperationPayload;
import io.vakt.graphql.ws.SessionContext;
import io.vakt.graphql.ws.WsConfig;
import io.vakt.graphql.ws.WsStats;
import io.vakt.graphql.ws.WsTransport;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * graphql-sse sessions over the {@code graphql-transport-ws} session logic, without Vert.x: admission, event
 * framing in both modes, waiting for the stream, conflation under back-pressure, token expiry, dropped reservations.
 */
class SseSessionTest {
    private static final String SUBSCRIPTION_QUERY = "subscription { data(path: \"x\") { value } }";
    private static final OperationPayload QUERY = new OperationPayload("{ __typename }", Map.of(), null);
    private static final OperationPayload BROKEN = new OperationPayload("{ nope", Map.of(), null);

    private final MutableClock clock = new MutableClock();
    private final ManualTimers timers = new ManualTimers();
    private final WsStats stats = new WsStats();
    private final Operations operations = new Operations();
    private final RecordingOutput output = new RecordingOutput();

    /** A subscription whose variable tags it, so the fake executor can tell operations apart. */
    private static OperationPayload subscription(String tag) {
        return new OperationPayload(SUBSCRIPTION_QUERY, Map.of("tag", tag), null);
    }

    private SseSession session(SseMode mode, String authorization) {
        return new SseSession(mode, transport -> new SessionContext(transport, WsConfig.defaults(), new FakeTokens(), operations,
                stats, clock), Runnable::run, timers, "192.0.2.7", authorization, Duration.ofSeconds(60));
    }

    private SseSession admitted(SseMode mode) {
        SseSession session = session(mode, "Bearer " + FakeTokens.GOOD);
        assertThat(session.admit()).isInstanceOf(SseSession.Admission.Accepted.class);
        return session;
    }

    @Test
    void admitsWithTheBearerTokenAndRefusesOthers() {
        assertThat(admitted(SseMode.SINGLE_CONNECTION).state()).isEqualTo(SseSession.State.RESERVED);
        SseSession forged = session(SseMode.SINGLE_CONNECTION, "Bearer " + FakeTokens.FORGED);
        assertThat(forged.admit()).isInstanceOf(SseSession.Admission.Refused.class);
        assertThat(forged.state()).isEqualTo(SseSession.State.ENDED);
        assertThat(session(SseMode.SINGLE_CONNECTION, null).admit()).isInstanceOf(SseSession.Admission.Refused.class);
        assertThat(session(SseMode.SINGLE_CONNECTION, "Bearer " + FakeTokens.EXPIRED).admit())
                .isInstanceOf(SseSession.Admission.Refused.class);
    }

    @Test
    void framesSharedPayloadsWithoutCopyingThem() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        session.attach(output);
        assertThat(session.start("op-1", subscription("op-1"))).isEqualTo(SseSession.StartResult.STARTED);
        byte[] payload = "{\"data\":{\"data\":{\"value\":1}}}".getBytes(StandardCharsets.UTF_8);
        operations.member("op-1").deliver(0, payload, false);
        assertThat(output.texts()).containsExactly("event: next\ndata: {\"id\":\"op-1\",\"payload\":{\"data\":{\"data\":{\"value\":1}}}}\n\n");
        assertThat(output.bodies.getFirst()).isSameAs(payload);
    }

    @Test
    void queriesGetOneResultThenCompleteAndErrorsComeAsNext() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        session.attach(output);
        session.start("q", QUERY);
        session.start("bad", BROKEN);
        assertThat(output.texts()).containsExactly(
                "event: next\ndata: {\"id\":\"q\",\"payload\":{\"data\":{\"__typename\":\"Query\"}}}\n\n",
                "event: complete\ndata: {\"id\":\"q\"}\n\n",
                "event: next\ndata: {\"id\":\"bad\",\"payload\":{\"errors\":[{\"message\":\"Syntax error\"}]}}\n\n",
                "event: complete\ndata: {\"id\":\"bad\"}\n\n");
        assertThat(session.start("q", QUERY)).as("a finished id can be used again").isEqualTo(SseSession.StartResult.STARTED);
    }

    @Test
    void refusesADuplicateIdWithoutEndingTheStream() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        session.attach(output);
        session.start("op", subscription("op"));
        assertThat(session.start("op", subscription("op"))).isEqualTo(SseSession.StartResult.DUPLICATE_ID);
        assertThat(session.state()).isEqualTo(SseSession.State.STREAMING);
        session.stop("op");
        assertThat(operations.closed).containsExactly("op");
        assertThat(session.start("op", subscription("op"))).isEqualTo(SseSession.StartResult.STARTED);
    }

    @Test
    void valuesWaitForTheStreamAndAreConflatedMeanwhile() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        session.start("q", QUERY);
        session.start("op", subscription("op"));
        operations.member("op").deliver(0, "{\"v\":1}".getBytes(StandardCharsets.UTF_8), false);
        operations.member("op").deliver(0, "{\"v\":2}".getBytes(StandardCharsets.UTF_8), false);
        assertThat(output.texts()).isEmpty();
        assertThat(session.attach(output)).isEqualTo(SseSession.AttachResult.ATTACHED);
        assertThat(output.texts()).containsExactly(
                "event: next\ndata: {\"id\":\"q\",\"payload\":{\"data\":{\"__typename\":\"Query\"}}}\n\n",
                "event: complete\ndata: {\"id\":\"q\"}\n\n",
                "event: next\ndata: {\"id\":\"op\",\"payload\":{\"v\":2}}\n\n");
        assertThat(session.attach(new RecordingOutput())).isEqualTo(SseSession.AttachResult.ALREADY_STREAMING);
    }

    @Test
    void aFullResponseConflatesLiveValuesUntilItDrains() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        session.attach(output);
        session.start("op", subscription("op"));
        output.full = true;
        for (int v = 1; v <= 5; v++) operations.member("op").deliver(0, ("{\"v\":" + v + "}").getBytes(StandardCharsets.UTF_8), false);
        assertThat(output.texts()).isEmpty();
        output.full = false;
        output.drain();
        assertThat(output.texts()).containsExactly("event: next\ndata: {\"id\":\"op\",\"payload\":{\"v\":5}}\n\n");
    }

    @Test
    void tokenExpiryEndsEveryOperationAndTheStream() {
        SseSession session = session(SseMode.SINGLE_CONNECTION, "Bearer " + FakeTokens.SHORT);
        session.admit();
        session.attach(output);
        session.start("op", subscription("op"));
        List<String> ended = new ArrayList<>();
        session.onEnded(() -> ended.add("ended"));
        clock.set(MutableClock.T0.plusSeconds(5));
        timers.advance(Duration.ofSeconds(5));
        assertThat(output.texts()).containsExactly(
                "event: next\ndata: {\"id\":\"op\",\"payload\":{\"errors\":[{\"message\":\"INVALID_AUTH_TOKEN\"}]}}\n\n",
                "event: complete\ndata: {\"id\":\"op\"}\n\n");
        assertThat(output.ended).isTrue();
        assertThat(session.state()).isEqualTo(SseSession.State.ENDED);
        assertThat(ended).containsExactly("ended");
        assertThat(operations.closed).containsExactly("op");
        assertThat(stats.transportWsConnections()).isZero();
    }

    @Test
    void dropsAReservationThatIsNeverOpened() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        timers.advance(Duration.ofSeconds(59));
        assertThat(session.state()).isEqualTo(SseSession.State.RESERVED);
        timers.advance(Duration.ofSeconds(1));
        assertThat(session.state()).isEqualTo(SseSession.State.ENDED);
        assertThat(session.attach(output)).isEqualTo(SseSession.AttachResult.ENDED);
        assertThat(stats.transportWsConnections()).isZero();
    }

    @Test
    void aClosedStreamReleasesEverything() {
        SseSession session = admitted(SseMode.SINGLE_CONNECTION);
        session.attach(output);
        session.start("a", subscription("a"));
        session.start("b", subscription("b"));
        session.outputClosed();
        assertThat(operations.closed).containsExactlyInAnyOrder("a", "b");
        assertThat(stats.operations()).isZero();
        assertThat(session.start("c", subscription("c"))).isEqualTo(SseSession.StartResult.ENDED);
    }

    @Test
    void distinctModeStreamsThePayloadItselfAndEndsWithTheOperation() {
        SseSession session = admitted(SseMode.DISTINCT_CONNECTIONS);
        session.attach(output);
        session.start("1", QUERY);
        assertThat(output.texts()).containsExactly("event: next\ndata: {\"data\":{\"__typename\":\"Query\"}}\n\n",
                "event: complete\ndata: \n\n");
        assertThat(output.ended).isTrue();
        assertThat(session.state()).isEqualTo(SseSession.State.ENDED);

        RecordingOutput live = new RecordingOutput();
        SseSession subscription = admitted(SseMode.DISTINCT_CONNECTIONS);
        subscription.attach(live);
        subscription.start("1", subscription("1"));
        operations.member("1").deliver(0, "{\"data\":{\"v\":3}}".getBytes(StandardCharsets.UTF_8), false);
        assertThat(live.texts()).containsExactly("event: next\ndata: {\"data\":{\"v\":3}}\n\n");
        assertThat(live.ended).isFalse();
    }

    // ---- fakes ------------------------------------------------------------------------------------------------

    /** Queries answer at once, "{ nope" is a syntax error, subscriptions go live with a recorded member. */
    private static final class Operations implements OperationExecutor {
        final Map<String, GroupMember> members = new HashMap<>();
        final List<String> closed = new ArrayList<>();

        GroupMember member(String id) { return members.get(id); }

        @Override
        public CompletionStage<Outcome> run(OperationPayload payload, RequestContext request, GroupMember member) {
            if (payload.query().contains("nope")) {
                return CompletableFuture.completedFuture(new Outcome.Rejected(List.of(Map.of("message", "Syntax error"))));
            }
            if (!payload.query().startsWith("subscription")) {
                return CompletableFuture.completedFuture(new Outcome.Single(Map.of("data", Map.of("__typename", "Query"))));
            }
            String id = (String) payload.variables().get("tag");
            members.put(id, member);
            return CompletableFuture.completedFuture(new Outcome.Live(() -> closed.add(id)));
        }
    }

    private static final class RecordingOutput implements SseOutput {
        final List<byte[]> bodies = new ArrayList<>();
        private final List<String> texts = new ArrayList<>();
        private final List<Runnable> drains = new ArrayList<>();
        boolean full;
        boolean ended;

        @Override
        public void write(byte[] head, byte[] body, byte[] tail) {
            bodies.add(body);
            texts.add(new String(head, StandardCharsets.UTF_8) + new String(body, StandardCharsets.UTF_8)
                    + new String(tail, StandardCharsets.UTF_8));
        }

        @Override
        public boolean writeQueueFull() { return full; }

        @Override
        public void onDrain(Runnable action) { drains.add(action); }

        void drain() {
            List<Runnable> actions = List.copyOf(drains);
            drains.clear();
            actions.forEach(Runnable::run);
        }

        @Override
        public void end() { ended = true; }

        List<String> texts() { return texts; }
    }

    private static final class ManualTimers implements SseSession.Timers {
        private record Timer(Duration due, Runnable task, boolean[] cancelled) {}

        private final List<Timer> timers = new ArrayList<>();
        private Duration now = Duration.ZERO;

        @Override
        public WsTransport.Cancellable schedule(Duration delay, Runnable task) {
            boolean[] cancelled = {false};
            timers.add(new Timer(now.plus(delay), task, cancelled));
            return () -> cancelled[0] = true;
        }

        void advance(Duration by) {
            now = now.plus(by);
            List<Timer> due = timers.stream().filter(t -> t.due().compareTo(now) <= 0).toList();
            timers.removeAll(due);
            due.stream().filter(t -> !t.cancelled()[0]).forEach(t -> t.task().run());
        }
    }
}
