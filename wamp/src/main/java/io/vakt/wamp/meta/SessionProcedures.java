package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.SessionDirectory;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.UriRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The session meta procedures (WAMP spec "Session Meta API"): {@code wamp.session.count}, {@code list},
 * {@code get}, {@code kill}, {@code kill_by_authid} and {@code kill_by_authrole}. A session can never kill
 * itself through them.
 */
final class SessionProcedures {
    /** The GOODBYE message when the killer gives none. */
    static final String DEFAULT_KILL_MESSAGE = "session killed through the meta API";

    private final SessionDirectory sessions;

    SessionProcedures(SessionDirectory sessions) { this.sessions = sessions; }

    Map<String, InternalProcedure> procedures() {
        Map<String, InternalProcedure> procedures = new LinkedHashMap<>();
        procedures.put("wamp.session.count", (caller, options, payload) ->
                MetaResults.one((long) filtered("wamp.session.count", payload).size()));
        procedures.put("wamp.session.list", (caller, options, payload) ->
                MetaResults.one(filtered("wamp.session.list", payload).stream().map(p -> (Object) p.sessionId()).toList()));
        procedures.put("wamp.session.get", (caller, options, payload) -> {
            long id = Arguments.of("wamp.session.get", payload, 1, 1).id(0, "session");
            return MetaResults.one(existing(id).describe());
        });
        procedures.put("wamp.session.kill", this::kill);
        procedures.put("wamp.session.kill_by_authid", (caller, options, payload) -> {
            Arguments arguments = Arguments.of("wamp.session.kill_by_authid", payload, 1, 2);
            String authid = arguments.string(0, "authid");
            Farewell farewell = farewell("wamp.session.kill_by_authid", arguments);
            List<Object> killed = new ArrayList<>();
            for (Peer peer : killAll(caller, p -> authid.equals(p.identity().authid()), farewell)) killed.add(peer.sessionId());
            return MetaResults.one(killed);
        });
        procedures.put("wamp.session.kill_by_authrole", (caller, options, payload) -> {
            Arguments arguments = Arguments.of("wamp.session.kill_by_authrole", payload, 1, 2);
            String authrole = arguments.string(0, "authrole");
            Farewell farewell = farewell("wamp.session.kill_by_authrole", arguments);
            return MetaResults.one((long) killAll(caller, p -> authrole.equals(p.identity().authrole()), farewell).size());
        });
        return procedures;
    }

    /** {@code wamp.session.kill(session[, {reason, message}])}; reason and message may also be kwargs. */
    private Payload kill(Peer caller, Map<String, Object> options, Payload payload) {
        Arguments arguments = Arguments.of("wamp.session.kill", payload, 1, 2);
        long id = arguments.id(0, "session");
        Farewell farewell = farewell("wamp.session.kill", arguments);
        if (id == caller.sessionId()) {
            throw new WampException(WampUris.NO_SUCH_SESSION, "a session cannot kill itself");
        }
        sessions.kill(existing(id), farewell.reason(), farewell.message());
        return Payload.EMPTY;
    }

    /** The sessions, optionally only those whose authrole is in the list given as the first argument. */
    private List<Peer> filtered(String procedure, Payload payload) {
        List<String> roles = Arguments.of(procedure, payload, 0, 1).strings(0, "filter_authroles");
        List<Peer> found = new ArrayList<>();
        for (Peer peer : sessions.sessions()) {
            if (roles == null || roles.contains(peer.identity().authrole())) found.add(peer);
        }
        return found;
    }

    private Peer existing(long id) {
        Peer peer = sessions.find(id);
        if (peer == null) throw new WampException(WampUris.NO_SUCH_SESSION, "no session with id " + id);
        return peer;
    }

    /** Kills every session but the caller that {@code chosen} selects; chosen before any dies, as killing changes the directory. */
    private List<Peer> killAll(Peer caller, Predicate<Peer> chosen, Farewell farewell) {
        List<Peer> victims = new ArrayList<>();
        for (Peer peer : sessions.sessions()) {
            if (peer.sessionId() != caller.sessionId() && chosen.test(peer)) victims.add(peer);
        }
        for (Peer victim : victims) sessions.kill(victim, farewell.reason(), farewell.message());
        return victims;
    }

    /** The GOODBYE a killed session gets. */
    private record Farewell(String reason, String message) {}

    private static Farewell farewell(String procedure, Arguments arguments) {
        String reason = arguments.stringOption("reason", 1);
        String message = arguments.stringOption("message", 1);
        if (reason != null && !UriRules.valid(reason, MatchPolicy.EXACT)) {
            throw Arguments.invalid(procedure + ": 'reason' must be a valid URI");
        }
        return new Farewell(reason == null ? WampUris.CLOSE_KILLED : reason,
                message == null ? DEFAULT_KILL_MESSAGE : message);
    }
}
