package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.testing.RecordingPeer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every meta procedure answers wrong argument counts and types with a clear invalid_argument. */
class MetaArgumentsTest {
    private final MetaHarness harness = new MetaHarness();
    private final RecordingPeer caller = harness.sessions.join(new RecordingPeer(1));

    private record Bad(String procedure, Payload payload, String text) {}

    private static Bad bad(String procedure, String text, Object... args) { return new Bad(procedure, Payload.of(List.of(args)), text); }

    @Test
    void metaProceduresRejectBadArguments() {
        List<Bad> cases = List.of(
                bad("wamp.session.count", "must be a list of strings", "user"),
                bad("wamp.session.list", "must be a list of strings", List.of(1L)),
                bad("wamp.session.list", "takes 0 to 1 positional argument", List.of(), List.of()),
                bad("wamp.session.get", "takes 1 positional argument, got 0"),
                bad("wamp.session.get", "'session' must be an integer id", "2"),
                bad("wamp.session.kill", "'session' must be an integer id", 2.5),
                bad("wamp.session.kill", "'reason' must be a valid URI", 2L, Map.of("reason", "not a uri")),
                bad("wamp.session.kill", "option 'message' must be a string", 2L, Map.of("message", 7L)),
                bad("wamp.session.kill_by_authid", "'authid' must be a non-empty string", 7L),
                bad("wamp.session.kill_by_authrole", "takes 1 to 2 positional arguments, got 0"),
                bad("wamp.subscription.list", "takes 0 positional arguments, got 1", "x"),
                bad("wamp.subscription.lookup", "'uri' must be a valid URI", 5L),
                bad("wamp.subscription.lookup", "option 'match' must be exact, prefix or wildcard", "com.a", Map.of("match", "regex")),
                bad("wamp.subscription.lookup", "'options' must be a dict", "com.a", "prefix"),
                bad("wamp.subscription.match", "'uri' must be a valid URI", "com..a"),
                bad("wamp.subscription.lookup", "'uri' must be a valid URI", "com.a.", Map.of("match", "exact")),
                bad("wamp.subscription.lookup", "'uri' must be a valid URI", ".a", Map.of("match", "prefix")),
                bad("wamp.subscription.get", "takes 1 positional argument, got 2", 1L, 2L),
                bad("wamp.subscription.list_subscribers", "'id' must be an integer id", "1"),
                bad("wamp.registration.count_callees", "'id' must be an integer id", List.of()),
                bad("wamp.registration.lookup", "takes 1 to 2 positional arguments, got 0"),
                bad(TestamentProcedures.ADD, "'topic' must be a valid URI", "com.example.#"),
                bad(TestamentProcedures.ADD, "'args' must be a list", "com.example.a", "x"),
                bad(TestamentProcedures.ADD, "'kwargs' must be a dict", "com.example.a", List.of(), List.of()),
                bad(TestamentProcedures.ADD, "'scope' must be destroyed or detached", "com.example.a", List.of(), Map.of(),
                        Map.of("scope", "forever")),
                bad(TestamentProcedures.ADD, "publish_options: option 'exclude' must be a list of session ids", "com.example.a",
                        List.of(), Map.of(), Map.of("publish_options", Map.of("exclude", "x"))),
                bad(TestamentProcedures.ADD, "option 'publish_options' must be a dict", "com.example.a", List.of(), Map.of(),
                        Map.of("publish_options", true)),
                bad(TestamentProcedures.FLUSH, "option 'scope' must be a string", Map.of("scope", 3L)),
                new Bad("wamp.session.count", Payload.transparent(new byte[] {1}), "does not take a transparent payload"));

        for (Bad bad : cases) {
            var error = harness.fails(caller, bad.procedure(), bad.payload());
            assertThat(error.uri()).as(bad.toString()).isEqualTo(WampUris.INVALID_ARGUMENT);
            assertThat((String) error.payload().args().getFirst()).as(bad.toString())
                    .startsWith(bad.procedure()).contains(bad.text());
        }
        assertThat(harness.testaments.count(caller.sessionId())).isZero();
    }
}
