package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The session meta API (WAMP spec "Session Meta API"). */
class SessionMetaTest {
    private final MetaHarness harness = new MetaHarness();
    private final TestDirectory sessions = harness.sessions;

    private final RecordingPeer admin = sessions.join(new RecordingPeer(1, "admin", Identity.USER_ROLE, Set.of()));
    private final RecordingPeer alice = sessions.join(new RecordingPeer(2, "alice", Identity.USER_ROLE, Set.of()));
    private final RecordingPeer aliceAgain = sessions.join(new RecordingPeer(3, "alice", Identity.USER_ROLE, Set.of()));
    private final RecordingPeer reports = sessions.join(new RecordingPeer(4, "reports", Identity.SERVICE_ROLE, Set.of()));

    @Test
    void sessionCountAndListFilterByAuthrole() {
        assertThat(harness.call(admin, "wamp.session.count")).isEqualTo(4L);
        assertThat(harness.call(admin, "wamp.session.list")).isEqualTo(List.of(1L, 2L, 3L, 4L));
        assertThat(harness.call(admin, "wamp.session.count", List.of(Identity.SERVICE_ROLE))).isEqualTo(1L);
        assertThat(harness.call(admin, "wamp.session.list", List.of(Identity.SERVICE_ROLE))).isEqualTo(List.of(4L));
        assertThat(harness.call(admin, "wamp.session.list", List.of("nobody"))).isEqualTo(List.of());
        assertThat(harness.call(admin, "wamp.session.count", Payload.of(java.util.Arrays.asList((Object) null))).args())
                .as("a null filter is no filter").containsExactly(4L);
    }

    @Test
    void sessionGetUnknownErrors() {
        assertThat(harness.call(admin, "wamp.session.get", 4L)).isEqualTo(reports.describe());

        assertThat(harness.fails(admin, "wamp.session.get", 999L).uri()).isEqualTo(WampUris.NO_SUCH_SESSION);
    }

    @Test
    void killBySessionAuthid() {
        assertThat(harness.call(admin, "wamp.session.kill", Payload.of(List.of(2L))).args()).isNull();
        assertThat(sessions.kills).containsExactly(
                new TestDirectory.Kill(2, WampUris.CLOSE_KILLED, SessionProcedures.DEFAULT_KILL_MESSAGE));

        harness.call(admin, "wamp.session.kill", Payload.of(List.of(3L), Map.of("reason", "com.example.bye", "message", "go")));
        assertThat(sessions.kills.getLast()).isEqualTo(new TestDirectory.Kill(3, "com.example.bye", "go"));
        harness.call(admin, "wamp.session.kill", Payload.of(List.of(4L, Map.of("reason", "com.example.later"))));
        assertThat(sessions.kills.getLast().reason()).isEqualTo("com.example.later");

        assertThat(harness.fails(admin, "wamp.session.kill", 1L).uri()).as("not yourself").isEqualTo(WampUris.NO_SUCH_SESSION);
        assertThat(harness.fails(admin, "wamp.session.kill", 2L).uri()).as("gone").isEqualTo(WampUris.NO_SUCH_SESSION);
        assertThat(sessions.kills).hasSize(3);
    }

    @Test
    void killByAuthidAndAuthroleSpareTheCaller() {
        RecordingPeer aliceService = sessions.join(new RecordingPeer(5, "alice", Identity.SERVICE_ROLE, Set.of()));

        assertThat(harness.call(alice, "wamp.session.kill_by_authid", "alice")).isEqualTo(List.of(3L, 5L));
        assertThat(alice.isOpen()).isTrue();
        assertThat(aliceAgain.isOpen()).isFalse();
        assertThat(aliceService.isOpen()).isFalse();

        assertThat(harness.call(admin, "wamp.session.kill_by_authrole", Identity.USER_ROLE)).isEqualTo(1L);
        assertThat(alice.isOpen()).isFalse();
        assertThat(admin.isOpen()).isTrue();
        assertThat(harness.call(admin, "wamp.session.kill_by_authid", "nobody")).isEqualTo(List.of());
        assertThat(sessions.kills).extracting(TestDirectory.Kill::session).containsExactly(3L, 5L, 2L);
        assertThat(sessions.kills).extracting(TestDirectory.Kill::reason).containsOnly(WampUris.CLOSE_KILLED);
    }
}
