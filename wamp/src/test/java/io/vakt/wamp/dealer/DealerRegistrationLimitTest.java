package io.vakt.wamp.dealer;

import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vakt.wamp.dealer.DealerHarness.callee;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code maxRegistrationsPerSession}: what counts as a registration of the session, and what frees one. */
class DealerRegistrationLimitTest {
    private static final Map<String, Object> SHARED = Map.of("invoke", "roundrobin");

    private final DealerHarness h = new DealerHarness(DealerHarness.maxRegistrations(2));
    private final RecordingPeer callee = callee(2);

    @Test
    void rejectsRegistrationBeyondLimit() {
        h.register(callee, "com.acme.a");
        h.register(callee, "com.acme.b");
        h.metaEvents.clear();

        WampMessage.Error error = h.registerFails(callee, "com.acme.c", Map.of());

        assertThat(error.error()).isEqualTo(WampUris.LIMIT_EXCEEDED);
        assertThat(error.payload().args()).isEqualTo(List.of("at most 2 registrations per session"));
        assertThat(h.dealer.lookup("com.acme.c", null)).as("nothing created").isNull();
        assertThat(h.metaEvents).isEmpty();
    }

    @Test
    void joiningASharedRegistrationCountsAndTheLimitIsPerSession() {
        RecordingPeer other = callee(3);
        long shared = h.register(other, "com.acme.shared", SHARED);
        h.register(callee, "com.acme.a");
        h.register(callee, "com.acme.b");

        assertThat(h.registerFails(callee, "com.acme.shared", SHARED).error()).isEqualTo(WampUris.LIMIT_EXCEEDED);
        assertThat(h.dealer.callees(shared)).containsExactly(3L);
        h.register(other, "com.acme.c");
    }

    @Test
    void registeringAgainAtLimitStillSaysAlreadyRegistered() {
        h.register(callee, "com.acme.a");
        h.register(callee, "com.acme.work", SHARED);

        assertThat(h.registerFails(callee, "com.acme.a", Map.of()).error()).isEqualTo(WampUris.PROCEDURE_ALREADY_EXISTS);
        assertThat(h.registerFails(callee, "com.acme.work", SHARED).error()).isEqualTo(WampUris.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void unregisterFreesASlot() {
        long a = h.register(callee, "com.acme.a");
        h.register(callee, "com.acme.b");
        h.registerFails(callee, "com.acme.c", Map.of());

        h.dealer.unregister(callee, new WampMessage.Unregister(77, a));
        assertThat(callee.last(WampMessage.Unregistered.class).request()).isEqualTo(77);

        long c = h.register(callee, "com.acme.c");
        assertThat(h.dealer.callees(c)).containsExactly(2L);
    }
}
