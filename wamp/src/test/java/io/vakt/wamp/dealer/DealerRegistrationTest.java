package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.vakt.wamp.dealer.DealerHarness.args;
import static io.vakt.wamp.dealer.DealerHarness.callee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** REGISTER and UNREGISTER, shared registrations, meta events and meta queries. */
class DealerRegistrationTest {
    private final DealerHarness h = new DealerHarness();

    @Test
    void registrationIdsAreRouterScope() {
        long first = h.register(callee(2), "com.acme.a");
        long second = h.register(callee(3), "com.acme.b");

        assertThat(first).isEqualTo(1);
        assertThat(second).isEqualTo(2);
    }

    @Test
    void rejectsSecondSingleRegistration() {
        h.register(callee(2), "com.acme.add");

        WampMessage.Error error = h.registerFails(callee(3), "com.acme.add", Map.of());

        assertThat(error.error()).isEqualTo(WampUris.PROCEDURE_ALREADY_EXISTS);
        assertThat(error.payload().args()).hasSize(1);
    }

    @Test
    void sameUriUnderAnotherMatchPolicyIsAnotherRegistration() {
        long exact = h.register(callee(2), "com.acme");
        long prefix = h.register(callee(3), "com.acme", Map.of("match", "prefix"));

        assertThat(prefix).isNotEqualTo(exact);
    }

    @Test
    void rejectsDifferentInvocationPolicy() {
        h.register(callee(2), "com.acme.work", Map.of("invoke", "roundrobin"));

        assertThat(h.registerFails(callee(3), "com.acme.work", Map.of("invoke", "random")).error())
                .isEqualTo(WampUris.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY);
        assertThat(h.registerFails(callee(4), "com.acme.work", Map.of()).error())
                .isEqualTo(WampUris.PROCEDURE_EXISTS_WITH_DIFFERENT_INVOCATION_POLICY);
    }

    @Test
    void rejectsSameSessionJoiningTwice() {
        RecordingPeer callee = callee(2);
        h.register(callee, "com.acme.work", Map.of("invoke", "roundrobin"));

        assertThat(h.registerFails(callee, "com.acme.work", Map.of("invoke", "roundrobin")).error())
                .isEqualTo(WampUris.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void rejectsUnknownPolicies() {
        assertThat(h.registerFails(callee(2), "com.acme.a", Map.of("match", "regex")).error())
                .isEqualTo(WampUris.INVALID_ARGUMENT);
        assertThat(h.registerFails(callee(2), "com.acme.a", Map.of("invoke", "all")).error())
                .isEqualTo(WampUris.INVALID_ARGUMENT);
        assertThat(h.dealer.list()).isEqualTo(Map.of("exact", List.of(), "prefix", List.of(), "wildcard", List.of()));
    }

    @Test
    void rejectsRegisteringAnInternalProcedure() {
        h.dealer.addInternal("wamp.registration.list", (caller, options, payload) -> Payload.EMPTY);

        assertThat(h.registerFails(callee(2), "wamp.registration.list", Map.of()).error())
                .isEqualTo(WampUris.PROCEDURE_ALREADY_EXISTS);
    }

    @Test
    void unregisterRemovesTheCallee() {
        RecordingPeer callee = callee(2);
        long id = h.register(callee, "com.acme.add");

        h.dealer.unregister(callee, new WampMessage.Unregister(55, id));

        assertThat(callee.last(WampMessage.Unregistered.class).request()).isEqualTo(55);
        assertThat(h.dealer.get(id)).isNull();
        assertThat(h.dealer.match("com.acme.add")).isNull();
        h.register(callee(3), "com.acme.add"); // free again
    }

    @Test
    void unregisterOfAForeignOrUnknownRegistrationFails() {
        RecordingPeer owner = callee(2);
        RecordingPeer other = callee(3);
        long id = h.register(owner, "com.acme.add");
        h.register(other, "com.acme.other");

        h.dealer.unregister(other, new WampMessage.Unregister(56, id));
        h.dealer.unregister(other, new WampMessage.Unregister(57, 999));
        h.dealer.unregister(callee(4), new WampMessage.Unregister(58, id));

        List<WampMessage.Error> errors = other.received(WampMessage.Error.class);
        assertThat(errors).extracting(WampMessage.Error::error).containsOnly(WampUris.NO_SUCH_REGISTRATION);
        assertThat(errors).extracting(WampMessage.Error::requestType).containsOnly(WampMessage.Unregister.CODE);
        assertThat(errors).extracting(WampMessage.Error::request).containsExactly(56L, 57L);
        assertThat(h.dealer.callees(id)).containsExactly(2L);
    }

    @Test
    void metaEventsOnRegisterAndLeave() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        long id = h.register(a, "com.acme.work", Map.of("invoke", "roundrobin", "match", "prefix"));
        h.register(b, "com.acme.work", Map.of("invoke", "roundrobin", "match", "prefix"));

        h.dealer.unregister(a, new WampMessage.Unregister(9, id));
        h.dealer.sessionLeft(b);

        assertThat(h.metaTopics()).containsExactly("wamp.registration.on_create", "wamp.registration.on_register",
                "wamp.registration.on_register", "wamp.registration.on_unregister", "wamp.registration.on_unregister",
                "wamp.registration.on_delete");
        Map<String, Object> created = Map.of("id", id, "created", "2024-05-01T10:15:30.123Z", "uri", "com.acme.work",
                "match", "prefix", "invoke", "roundrobin");
        assertThat(h.metaEvents.get(0).args()).isEqualTo(args(2L, created));
        assertThat(h.metaEvents.get(1).args()).isEqualTo(args(2L, id));
        assertThat(h.metaEvents.get(2).args()).isEqualTo(args(3L, id));
        assertThat(h.metaEvents.get(3).args()).isEqualTo(args(2L, id));
        assertThat(h.metaEvents.get(4).args()).isEqualTo(args(3L, id));
        assertThat(h.metaEvents.get(5).args()).isEqualTo(args(3L, id));
    }

    @Test
    void sessionLeavingRemovesEveryRegistrationOfIt() {
        RecordingPeer callee = callee(2);
        long a = h.register(callee, "com.acme.a");
        long b = h.register(callee, "com.acme.b", Map.of("match", "wildcard"));
        h.metaEvents.clear();

        h.dealer.sessionLeft(callee);
        h.dealer.sessionLeft(callee); // a second notice is harmless

        assertThat(h.dealer.get(a)).isNull();
        assertThat(h.dealer.get(b)).isNull();
        assertThat(h.metaTopics()).containsExactly("wamp.registration.on_unregister", "wamp.registration.on_delete",
                "wamp.registration.on_unregister", "wamp.registration.on_delete");
    }

    @Test
    void metaQueries() {
        RecordingPeer a = callee(2);
        RecordingPeer b = callee(3);
        long exact = h.register(a, "com.acme.add");
        long prefix = h.register(a, "com.acme", Map.of("match", "prefix", "invoke", "first"));
        h.register(b, "com.acme", Map.of("match", "prefix", "invoke", "first"));
        long wildcard = h.register(b, "com..add", Map.of("match", "wildcard"));

        assertThat(h.dealer.list()).isEqualTo(Map.of("exact", List.of(exact), "prefix", List.of(prefix),
                "wildcard", List.of(wildcard)));
        assertThat(h.dealer.lookup("com.acme.add", null)).isEqualTo(exact);
        assertThat(h.dealer.lookup("com.acme.add", "exact")).isEqualTo(exact);
        assertThat(h.dealer.lookup("com.acme", "prefix")).isEqualTo(prefix);
        assertThat(h.dealer.lookup("com..add", "wildcard")).isEqualTo(wildcard);
        assertThat(h.dealer.lookup("com.acme", "exact")).isNull();
        assertThatThrownBy(() -> h.dealer.lookup("com.acme", "fuzzy"))
                .isInstanceOfSatisfying(WampException.class, e -> assertThat(e.uri()).isEqualTo(WampUris.INVALID_ARGUMENT));
        assertThat(h.dealer.match("com.acme.add")).isEqualTo(exact);
        assertThat(h.dealer.match("com.acme.sub")).isEqualTo(prefix);
        assertThat(h.dealer.match("com.other.add")).isEqualTo(wildcard);
        assertThat(h.dealer.match("org.other")).isNull();
        assertThat(h.dealer.get(prefix)).isEqualTo(Map.of("id", prefix, "created", "2024-05-01T10:15:30.123Z",
                "uri", "com.acme", "match", "prefix", "invoke", "first"));
        assertThat(h.dealer.get(999)).isNull();
        assertThat(h.dealer.callees(prefix)).containsExactly(2L, 3L);
        assertThat(h.dealer.callees(999)).isNull();
        assertThat(h.dealer.calleeCount(prefix)).isEqualTo(2);
        assertThat(h.dealer.calleeCount(exact)).isEqualTo(1);
        assertThat(h.dealer.calleeCount(999)).isNull();
    }
}
