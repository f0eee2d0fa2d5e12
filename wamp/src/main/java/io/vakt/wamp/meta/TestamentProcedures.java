package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.broker.PublishOptions;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.meta.Testaments.Scope;
import io.vakt.wamp.meta.Testaments.Testament;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wamp.session.add_testament} and {@code wamp.session.flush_testaments} (WAMP spec "Testament").
 * A testament is a publication made later on the caller's behalf, so the caller must be allowed to publish
 * to its topic now.
 */
final class TestamentProcedures {
    static final String ADD = "wamp.session.add_testament";
    static final String FLUSH = "wamp.session.flush_testaments";

    private final Broker broker;
    private final Testaments testaments;

    TestamentProcedures(Broker broker, Testaments testaments) {
        this.broker = broker;
        this.testaments = testaments;
    }

    Map<String, InternalProcedure> procedures() {
        Map<String, InternalProcedure> procedures = new LinkedHashMap<>();
        procedures.put(ADD, this::add);
        procedures.put(FLUSH, (caller, options, payload) -> {
            Arguments arguments = Arguments.of(FLUSH, payload, 0, 1);
            return MetaResults.one((long) testaments.flush(caller, scope(FLUSH, arguments, 0)));
        });
        return procedures;
    }

    /** {@code add_testament(topic, args, kwargs[, {publish_options, scope}])}; the options may also be kwargs. */
    private Payload add(Peer caller, Map<String, Object> callOptions, Payload payload) {
        Arguments arguments = Arguments.of(ADD, payload, 1, 4);
        String topic = arguments.uri(0, "topic", MatchPolicy.EXACT);
        List<Object> args = arguments.list(1, "args");
        Map<String, Object> kwargs = arguments.dict(2, "kwargs");
        Map<String, Object> publishOptions = arguments.dictOption("publish_options", 3);
        Scope scope = scope(ADD, arguments, 3);
        PublishOptions options;
        try {
            options = publishOptions == null ? PublishOptions.DEFAULTS : PublishOptions.parse(publishOptions);
        } catch (IllegalArgumentException invalid) {
            throw Arguments.invalid(ADD + ": publish_options: " + invalid.getMessage());
        }
        if (!broker.mayPublish(caller, topic)) {
            throw new WampException(WampUris.NOT_AUTHORIZED, "not allowed to publish to " + topic);
        }
        testaments.add(caller, scope, new Testament(topic, new Payload(args, kwargs, null), options.asTestament()));
        return Payload.EMPTY;
    }

    private static Scope scope(String procedure, Arguments arguments, int dictIndex) {
        Scope scope = Scope.parse(arguments.stringOption("scope", dictIndex));
        if (scope == null) throw Arguments.invalid(procedure + ": 'scope' must be destroyed or detached");
        return scope;
    }
}
