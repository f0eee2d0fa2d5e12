package io.vakt.graphql.live;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.model.NodeRef;
import io.vakt.core.path.NodePaths;
import io.vakt.graphql.GraphqlConfig;
import io.vakt.graphql.RequestContext;
import io.vakt.graphql.support.LiveFixture;
import io.vakt.graphql.support.TestDriver;
import io.vakt.graphql.support.TestProjects;
import io.vakt.graphql.ws.OperationExecutor;
import io.vakt.graphql.ws.OperationPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Subscription groups over a real LiveValues hub and a test driver (spec §5.4, ARCHITECTURE "serialize once"). */
class SubscriptionGroupsTest {
    private static final Projection VALUE_PATH = new Projection("data", List.of(
            new Projection.Output("value", VariableField.VALUE), new Projection.Output("path", VariableField.PATH)));
    private static final Projection VALUE_TYPE = new Projection("data", List.of(
            new Projection.Output("value", VariableField.VALUE), new Projection.Output("type", VariableField.TYPE)));

    private LiveFixture live = LiveFixture.small();
    private final List<AutoCloseable> memberships = new ArrayList<>();

    @AfterEach
    void closeFixture() {
        live.close();
    }

    private NodeRef node() { return live.project.node(TestProjects.VALUES).orElseThrow(); }

    private GroupKey key(Projection projection, AccessLevel level) { return new GroupKey(node().nodePath(), projection, level); }

    private AutoCloseable join(GroupKey key, GroupMember member) {
        AutoCloseable membership = live.groups.join(key, node(), member);
        memberships.add(membership);
        return membership;
    }

    private static String payload(Object value, int k) {
        return "{\"data\":{\"data\":{\"value\":" + value + ",\"path\":\"Cwl.Advise.A[" + k + "]\"}}}";
    }

    private TestDriver ctl() { return live.driver("Ctl"); }

    // ---- sharing ---------------------------------------------------------------------------------------

    @Test
    void identicalSubscriptionsShareOneGroupAndSerializeOncePerUpdate() {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        List<RecordingMember> members = List.of(new RecordingMember(), new RecordingMember(), new RecordingMember());
        members.forEach(member -> join(key, member));
        assertThat(live.groups.stats().groups()).isEqualTo(1);
        assertThat(live.groups.stats().members()).isEqualTo(3);
        members.forEach(RecordingMember::take);

        long serializations = live.groups.stats().serializations();
        long deliveries = live.groups.stats().deliveries();
        live.push("Ctl.Real", 1.5);
        assertThat(live.groups.stats().serializations()).isEqualTo(serializations + 1);
        assertThat(live.groups.stats().deliveries()).isEqualTo(deliveries + 3);
        live.push("Ctl.Real", 2.5);
        assertThat(live.groups.stats().serializations()).isEqualTo(serializations + 2);
        for (RecordingMember member : members) {
            assertThat(member.deliveries()).extracting(RecordingMember.Delivery::payload)
                    .containsExactly(payload(1.5, 0), payload(2.5, 0));
        }
    }

    @Test
    void differentSelectionsMakeDifferentGroups() {
        join(key(VALUE_PATH, AccessLevel.Operator), new RecordingMember());
        join(key(VALUE_TYPE, AccessLevel.Operator), new RecordingMember());
        assertThat(live.groups.stats().groups()).isEqualTo(2);
    }

    @Test
    void differentAccessLevelsMakeDifferentGroups() {
        join(key(VALUE_PATH, AccessLevel.Guest), new RecordingMember());
        join(key(VALUE_PATH, AccessLevel.Service), new RecordingMember());
        assertThat(live.groups.stats().groups()).isEqualTo(2);
    }

    @Test
    void caseVariantsOfANodePathShareOneGroup() {
        RequestContext user = new RequestContext(LiveFixture.OPERATOR_LEVEL, "test");
        String query = "subscription($p:String!){ data(path:$p) { value } }";
        live.operations.run(new OperationPayload(query, Map.of("p", TestProjects.VALUES), null), user, new RecordingMember())
                .toCompletableFuture().join();
        live.operations.run(new OperationPayload(query, Map.of("p", NodePaths.encode("plant.VALUES.file")), null), user,
                new RecordingMember()).toCompletableFuture().join();
        assertThat(live.groups.stats().groups()).isEqualTo(1);
        assertThat(live.groups.stats().members()).isEqualTo(2);
    }

    @Test
    void subscriptionsOfUsersWithDifferentLevelsGetDifferentGroups() {
        String query = "subscription($p:String!){ data(path:$p) { value } }";
        for (Principal principal : List.of(LiveFixture.GUEST, LiveFixture.SERVICE, LiveFixture.GUEST)) {
            OperationExecutor.Outcome outcome = live.operations.run(new OperationPayload(query, Map.of("p", TestProjects.VALUES), null),
                    new RequestContext(principal, "test"), new RecordingMember()).toCompletableFuture().join();
            assertThat(outcome).isInstanceOf(OperationExecutor.Outcome.Live.class);
        }
        assertThat(live.groups.stats().groups()).isEqualTo(2);
        assertThat(live.groups.stats().members()).isEqualTo(3);
    }

    // ---- initial values ----------------------------------------------------------------------------------

    @Test
    void firstMemberGetsPendingBeforeTheFirstValue() {
        RecordingMember member = new RecordingMember();
        join(key(VALUE_TYPE, AccessLevel.Operator), member);
        assertThat(member.last(TestProjects.REAL)).isEqualTo("{\"data\":{\"data\":{\"value\":null,\"type\":\"Pending\"}}}");
        assertThat(member.last(TestProjects.GHOST)).isEqualTo("{\"data\":{\"data\":{\"value\":null,\"type\":\"ErrorNotExist\"}}}");
        // one message per readable bound variable, at once (spec §16 item 36); the one-shot waits for a value
        assertThat(member.elements()).containsExactly(TestProjects.REAL, TestProjects.INT, TestProjects.TEXT, TestProjects.GHOST);
    }

    @Test
    void memberJoiningLaterGetsTheCachedValueAtOnce() {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        join(key, new RecordingMember());
        live.push("Ctl.Real", 4.25);
        long serializations = live.groups.stats().serializations();

        RecordingMember later = new RecordingMember();
        join(key, later);
        assertThat(later.last(TestProjects.REAL)).isEqualTo(payload(4.25, 0));
        assertThat(live.groups.stats().serializations()).isEqualTo(serializations);
    }

    @Test
    void newGroupStartsFromTheValueAnotherGroupHadRecently() {
        join(key(VALUE_PATH, AccessLevel.Guest), new RecordingMember());
        live.push("Ctl.Real", 9.5);
        RecordingMember other = new RecordingMember();
        join(key(VALUE_TYPE, AccessLevel.Service), other);
        assertThat(other.last(TestProjects.REAL)).isEqualTo("{\"data\":{\"data\":{\"value\":9.5,\"type\":\"Update\"}}}");
    }

    // ---- one-shot bindings, read access ------------------------------------------------------------------

    @Test
    void oneShotBindingIsDeliveredOnlyOnceItIsNoLongerPending() {
        RecordingMember member = new RecordingMember();
        join(key(VALUE_PATH, AccessLevel.Operator), member);
        assertThat(member.elements()).doesNotContain(TestProjects.ONCE);
        member.take();
        live.push("Ctl.Once", "LB01");
        assertThat(member.deliveries()).containsExactly(
                new RecordingMember.Delivery(TestProjects.ONCE, payload("\"LB01\"", 3), true));
    }

    @Test
    void oneShotValueIsHandedToALaterMemberMarkedOneShot() {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        join(key, new RecordingMember());
        live.push("Ctl.Once", "LB01");
        RecordingMember later = new RecordingMember();
        join(key, later);
        assertThat(later.deliveries()).contains(new RecordingMember.Delivery(TestProjects.ONCE, payload("\"LB01\"", 3), true));
        assertThat(later.deliveries()).filteredOn(d -> d.element() != TestProjects.ONCE).noneMatch(RecordingMember.Delivery::oneShot);
    }

    @Test
    void elementsAboveTheUsersReadAccessAreNeverDeliveredNorAdvised() {
        RecordingMember guest = new RecordingMember();
        join(key(VALUE_PATH, AccessLevel.Guest), guest);
        assertThat(ctl().advised()).containsExactlyInAnyOrder("real", "int", "text", "once");
        live.driver("Ctl").push("Secret", 99.0);
        assertThat(guest.elements()).doesNotContain(TestProjects.SECRET);

        RecordingMember service = new RecordingMember();
        join(key(VALUE_PATH, AccessLevel.Service), service);
        assertThat(ctl().advised()).contains("secret");
        live.driver("Ctl").push("Secret", 100.0);
        assertThat(service.last(TestProjects.SECRET)).isEqualTo(payload(100.0, 4));
        assertThat(guest.elements()).doesNotContain(TestProjects.SECRET);
    }

    // ---- leaving -------------------------------------------------------------------------------------------

    @Test
    void lastMemberLeavingClosesTheGroupAndReleasesTheHubWatchAfterTheLinger() throws Exception {
        live.close();
        live = new LiveFixture(TestProjects.small(), Duration.ofMillis(300), GraphqlConfig.defaults());
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        AutoCloseable first = join(key, new RecordingMember());
        RecordingMember second = new RecordingMember();
        AutoCloseable last = join(key, second);
        first.close();
        assertThat(live.groups.stats().groups()).isEqualTo(1);
        live.push("Ctl.Real", 1.0);
        assertThat(second.last(TestProjects.REAL)).isEqualTo(payload(1.0, 0));

        last.close();
        assertThat(live.groups.stats().groups()).isZero();
        assertThat(live.groups.stats().members()).isZero();
        second.take();
        live.push("Ctl.Real", 2.0);
        assertThat(second.deliveries()).isEmpty();
        await().atMost(Duration.ofSeconds(10)).until(() -> ctl().advised().isEmpty());
        assertThat(live.hub.advisedCount()).isZero();
        assertThat(ctl().log()).contains("unadvise Real", "unadvise Int", "unadvise Text", "unadvise Once");
    }

    @Test
    void closingAMembershipTwiceIsHarmless() throws Exception {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        AutoCloseable first = join(key, new RecordingMember());
        join(key, new RecordingMember());
        first.close();
        first.close();
        assertThat(live.groups.stats().members()).isEqualTo(1);
        assertThat(live.groups.stats().groups()).isEqualTo(1);
    }

    @Test
    void joiningAfterTheGroupClosedStartsAFreshGroup() throws Exception {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        join(key, new RecordingMember()).close();
        live.push("Ctl.Real", 3.0);
        RecordingMember member = new RecordingMember();
        join(key, member);
        assertThat(live.groups.stats().groups()).isEqualTo(1);
        live.push("Ctl.Real", 4.0);
        assertThat(member.last(TestProjects.REAL)).isEqualTo(payload(4.0, 0));
    }

    // ---- executors -----------------------------------------------------------------------------------------

    @Test
    void membersOnTheSameExecutorGetOneTaskPerUpdate() {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        RecordingMember.CountingExecutor loopA = new RecordingMember.CountingExecutor();
        RecordingMember.CountingExecutor loopB = new RecordingMember.CountingExecutor();
        List<RecordingMember> onA = List.of(new RecordingMember(loopA), new RecordingMember(loopA), new RecordingMember(loopA));
        List<RecordingMember> onB = List.of(new RecordingMember(loopB), new RecordingMember(loopB));
        onA.forEach(m -> join(key, m));
        onB.forEach(m -> join(key, m));
        int beforeA = loopA.tasks.get();
        int beforeB = loopB.tasks.get();

        live.push("Ctl.Real", 5.0);
        assertThat(loopA.tasks.get() - beforeA).isEqualTo(1);
        assertThat(loopB.tasks.get() - beforeB).isEqualTo(1);
        for (RecordingMember member : onA) assertThat(member.last(TestProjects.REAL)).isEqualTo(payload(5.0, 0));
        for (RecordingMember member : onB) assertThat(member.last(TestProjects.REAL)).isEqualTo(payload(5.0, 0));
    }

    @Test
    void initialMessagesOfAJoiningMemberArriveInOneTask() {
        RecordingMember.CountingExecutor loop = new RecordingMember.CountingExecutor();
        RecordingMember member = new RecordingMember(loop);
        join(key(VALUE_PATH, AccessLevel.Operator), member);
        assertThat(loop.tasks.get()).isEqualTo(1);
        assertThat(member.deliveries()).hasSize(4);
    }

    @Test
    void concurrentJoinsAndLeavesNeverStrandAClosedGroup() throws Exception {
        GroupKey key = key(VALUE_PATH, AccessLevel.Operator);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < Integer.getInteger("rounds", 2_000); round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    done.add(threads.submit(() -> {
                        go.await();
                        for (int i = 0; i < 5; i++) live.groups.join(key, node(), new RecordingMember()).close();
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> future : done) future.get(10, TimeUnit.SECONDS);
                assertThat(live.groups.stats().groups()).as("round %d", round).isZero();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(live.groups.stats().members()).isZero();
    }
}
