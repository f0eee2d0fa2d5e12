package io.vakt.wamp.dealer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.testing.ManualScheduler;
import io.vakt.wamp.testing.RecordingPeer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A dealer with a manual clock, recorded meta events, and shorthands for the messages tests send. */
final class DealerHarness {
    /** Every callee feature the dealer looks at. */
    static final Set<String> FULL_CALLEE = Set.of("callee.call_canceling", "callee.progressive_call_results",
            "callee.payload_passthru_mode");

    record MetaEvent(String topic, Payload payload) {
        List<Object> args() { return payload.args(); }
    }

    final ManualScheduler scheduler = new ManualScheduler();
    final WampStats stats = new WampStats();
    final List<MetaEvent> metaEvents = new ArrayList<>();
    final Dealer dealer;
    private long nextRequest = 100;

    DealerHarness() { this(WampConfig.defaults("acme")); }

    DealerHarness(WampConfig config) {
        dealer = new Dealer(scheduler, new IdGenerator(), config, stats,
                (topic, payload) -> metaEvents.add(new MetaEvent(topic, payload)),
                Clock.fixed(Instant.parse("2024-05-01T10:15:30.123Z"), ZoneOffset.UTC), new SplittableRandom(7));
    }

    static WampConfig config(int maxPendingCalls, Duration defaultTimeout) {
        WampConfig d = WampConfig.defaults("acme");
        return new WampConfig(d.realms(), d.helloTimeout(), d.maxMessageBytes(), maxPendingCalls,
                d.maxSubscriptionsPerSession(), d.maxRegistrationsPerSession(), defaultTimeout,
                d.maxQueuedEvents(), d.maxQueuedMessages(), d.goodbyeTimeout(), d.permissions());
    }

    /** The default configuration with another limit on registrations per session. */
    static WampConfig maxRegistrations(int maxRegistrationsPerSession) {
        WampConfig d = WampConfig.defaults("acme");
        return new WampConfig(d.realms(), d.helloTimeout(), d.maxMessageBytes(), d.maxPendingCallsPerSession(),
                d.maxSubscriptionsPerSession(), maxRegistrationsPerSession, d.defaultCallTimeout(),
                d.maxQueuedEvents(), d.maxQueuedMessages(), d.goodbyeTimeout(), d.permissions());
    }

    static RecordingPeer peer(long session, String... features) {
        return new RecordingPeer(session, "user" + session, Identity.USER_ROLE, Set.of(features));
    }

    static RecordingPeer callee(long session) {
        return new RecordingPeer(session, "service" + session, Identity.SERVICE_ROLE, FULL_CALLEE);
    }

    /** Registers and returns the registration id, asserting REGISTERED. */
    long register(RecordingPeer callee, String uri, Map<String, Object> options) {
        long request = nextRequest++;
        dealer.register(callee, new WampMessage.Register(request, options, uri));
        WampMessage.Registered registered = callee.last(WampMessage.Registered.class);
        assertThat(registered.request()).isEqualTo(request);
        return registered.registration();
    }

    long register(RecordingPeer callee, String uri) { return register(callee, uri, Map.of()); }

    /** Sends a REGISTER expected to fail and returns the ERROR. */
    WampMessage.Error registerFails(RecordingPeer callee, String uri, Map<String, Object> options) {
        long request = nextRequest++;
        dealer.register(callee, new WampMessage.Register(request, options, uri));
        WampMessage.Error error = callee.last(WampMessage.Error.class);
        assertThat(error.requestType()).isEqualTo(WampMessage.Register.CODE);
        assertThat(error.request()).isEqualTo(request);
        return error;
    }

    void call(RecordingPeer caller, long request, String uri, Map<String, Object> options, Payload payload) {
        dealer.call(caller, new WampMessage.Call(request, options, uri, payload));
    }

    void call(RecordingPeer caller, long request, String uri) { call(caller, request, uri, Map.of(), Payload.EMPTY); }

    void call(RecordingPeer caller, long request, String uri, Map<String, Object> options) {
        call(caller, request, uri, options, Payload.EMPTY);
    }

    void yield(RecordingPeer callee, long invocation, Map<String, Object> options, Payload payload) {
        dealer.yield(callee, new WampMessage.Yield(invocation, options, payload));
    }

    void yield(RecordingPeer callee, long invocation, Object result) {
        this.yield(callee, invocation, Map.of(), Payload.of(List.of(result)));
    }

    void cancel(RecordingPeer caller, long request, String mode) {
        Map<String, Object> options = new HashMap<>();
        if (mode != null) options.put("mode", mode);
        dealer.cancel(caller, new WampMessage.Cancel(request, options));
    }

    List<String> metaTopics() { return metaEvents.stream().map(MetaEvent::topic).toList(); }

    static List<Object> args(Object... args) { return List.of(args); }
}
