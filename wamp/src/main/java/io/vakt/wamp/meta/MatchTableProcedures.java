package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The six query procedures shared by the registration and the subscription meta APIs (WAMP spec
 * "Registration Meta API" / "Subscription Meta API"): {@code list}, {@code lookup}, {@code match},
 * {@code get}, {@code list_<members>} and {@code count_<members>}.
 *
 * @param namespace   {@code wamp.registration} or {@code wamp.subscription}
 * @param members     {@code callees} or {@code subscribers}
 * @param noSuchError the error for an unknown id
 * @param table       the dealer's or broker's answers, read when a call comes in
 */
record MatchTableProcedures(String namespace, String members, String noSuchError, Supplier<MatchTable> table) {

    static MatchTableProcedures registrations(Supplier<MatchTable> dealer) {
        return new MatchTableProcedures("wamp.registration", "callees", WampUris.NO_SUCH_REGISTRATION, dealer);
    }

    static MatchTableProcedures subscriptions(Supplier<MatchTable> broker) {
        return new MatchTableProcedures("wamp.subscription", "subscribers", WampUris.NO_SUCH_SUBSCRIPTION, broker);
    }

    Map<String, InternalProcedure> procedures() {
        Map<String, InternalProcedure> procedures = new LinkedHashMap<>();
        procedures.put(namespace + ".list", (caller, options, payload) -> {
            Arguments.of(namespace + ".list", payload, 0, 0);
            return MetaResults.one(table.get().list());
        });
        procedures.put(namespace + ".lookup", (caller, options, payload) -> {
            String name = namespace + ".lookup";
            Arguments arguments = Arguments.of(name, payload, 1, 2);
            String match = arguments.stringOption("match", 1);
            MatchPolicy policy = MatchPolicy.parse(match);
            if (policy == null) throw Arguments.invalid(name + ": option 'match' must be exact, prefix or wildcard");
            String uri = arguments.uri(0, "uri", policy);
            return MetaResults.one(table.get().lookup(uri, policy.wireName()));
        });
        procedures.put(namespace + ".match", (caller, options, payload) -> {
            Arguments arguments = Arguments.of(namespace + ".match", payload, 1, 1);
            return MetaResults.one(table.get().match(arguments.uri(0, "uri", MatchPolicy.EXACT)));
        });
        procedures.put(namespace + ".get", (caller, options, payload) ->
                MetaResults.one(known(table.get().get(id(namespace + ".get", payload)), payload)));
        procedures.put(namespace + ".list_" + members, (caller, options, payload) ->
                MetaResults.one(known(table.get().members(id(namespace + ".list_" + members, payload)), payload)));
        procedures.put(namespace + ".count_" + members, (caller, options, payload) ->
                MetaResults.one(known(table.get().memberCount(id(namespace + ".count_" + members, payload)), payload)));
        return procedures;
    }

    private static long id(String procedure, Payload payload) {
        return Arguments.of(procedure, payload, 1, 1).id(0, "id");
    }

    private Object known(Object answer, Payload payload) {
        if (answer != null) return answer;
        String kind = namespace.substring(namespace.indexOf('.') + 1);
        throw new WampException(noSuchError, "no " + kind + " with id " + payload.args().get(0));
    }
}
