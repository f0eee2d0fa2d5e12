package io.vakt.wamp.router;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.dealer.Dealer;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage.Abort;
import io.vakt.wamp.message.WampMessage.Authenticate;
import io.vakt.wamp.message.WampMessage.Call;
import io.vakt.wamp.message.WampMessage.Cancel;
import io.vakt.wamp.message.WampMessage.Challenge;
import io.vakt.wamp.message.WampMessage.Error;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.EventReceived;
import io.vakt.wamp.message.WampMessage.Goodbye;
import io.vakt.wamp.message.WampMessage.Hello;
import io.vakt.wamp.message.WampMessage.Interrupt;
import io.vakt.wamp.message.WampMessage.Invocation;
import io.vakt.wamp.message.WampMessage.Publish;
import io.vakt.wamp.message.WampMessage.Published;
import io.vakt.wamp.message.WampMessage.Register;
import io.vakt.wamp.message.WampMessage.Registered;
import io.vakt.wamp.message.WampMessage.Result;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Subscribed;
import io.vakt.wamp.message.WampMessage.Unregister;
import io.vakt.wamp.message.WampMessage.Unregistered;
import io.vakt.wamp.message.WampMessage.Unsubscribe;
import io.vakt.wamp.message.WampMessage.Unsubscribed;
import io.vakt.wamp.message.WampMessage.Welcome;
import io.vakt.wamp.message.WampMessage.Yield;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.uri.MatchPolicy;
import io.vakt.wamp.uri.UriRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an established session's messages do (WAMP spec "Publish and Subscribe", "Remote Procedure Calls"):
 * requests are checked (URI lower-cased and valid, permission table) and handed to the realm's broker or
 * dealer. Remote sessions and in-process sessions both come through here, so both get the same checks.
 * Router thread only.
 */
final class EstablishedDispatch {
    private static final Logger log = LoggerFactory.getLogger(EstablishedDispatch.class);

    /** What ends a session, handled by the session itself. */
    interface SessionControl {
        /** The peer said GOODBYE (WAMP spec "Session Closing"). */
        void goodbye(Goodbye goodbye);

        /** The peer sent ABORT. */
        void abort(Abort abort);
    }

    private final Dealer dealer;
    private final Broker broker;
    private final PermissionTable permissions;

    EstablishedDispatch(Dealer dealer, Broker broker, PermissionTable permissions) {
        this.dealer = dealer;
        this.broker = broker;
        this.permissions = permissions;
    }

    /**
     * Handles one message from {@code peer}.
     *
     * @throws ProtocolViolation when the message may not be sent by a client on an established session
     */
    void dispatch(Peer peer, WampMessage message, SessionControl control) {
        switch (message) {
            case Publish publish -> publish(peer, publish);
            case Subscribe subscribe -> subscribe(peer, subscribe);
            case Unsubscribe unsubscribe -> broker.unsubscribe(peer, unsubscribe);
            case Call call -> call(peer, call);
            case Register register -> register(peer, register);
            case Unregister unregister -> dealer.unregister(peer, unregister);
            case Yield yield -> dealer.yield(peer, yield);
            case Cancel cancel -> dealer.cancel(peer, cancel);
            case Error error when error.requestType() == Invocation.CODE -> dealer.invocationError(peer, error);
            case Error error -> throw new ProtocolViolation("a client sends ERROR only in answer to an INVOCATION (68), "
                    + "not for request type " + error.requestType());
            // Acknowledged event delivery: the router asks for no acknowledgements, so there is nothing to do.
            case EventReceived received -> { }
            case Goodbye goodbye -> control.goodbye(goodbye);
            case Abort abort -> control.abort(abort);
            case Hello hello -> throw new ProtocolViolation("HELLO on a session that is already established");
            case Authenticate authenticate -> throw new ProtocolViolation("AUTHENTICATE on a session that is already established");
            case Welcome welcome -> throw routerOnly(message);
            case Challenge challenge -> throw routerOnly(message);
            case Published published -> throw routerOnly(message);
            case Subscribed subscribed -> throw routerOnly(message);
            case Unsubscribed unsubscribed -> throw routerOnly(message);
            case Event event -> throw routerOnly(message);
            case Result result -> throw routerOnly(message);
            case Registered registered -> throw routerOnly(message);
            case Unregistered unregistered -> throw routerOnly(message);
            case Invocation invocation -> throw routerOnly(message);
            case Interrupt interrupt -> throw routerOnly(message);
        }
    }

    /** The name of a message as the WAMP spec writes it, e.g. {@code REGISTERED}. */
    static String nameOf(WampMessage message) {
        return message.getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    private static ProtocolViolation routerOnly(WampMessage message) {
        return new ProtocolViolation(nameOf(message) + " (" + message.code() + ") is sent by routers, never by clients");
    }

    private void publish(Peer peer, Publish publish) {
        String topic = UriRules.lowerCase(publish.topic());
        // WAMP spec "PUBLISH": without acknowledge the publisher hears nothing back, and AutobahnJS treats an
        // ERROR for such a publication as a protocol violation, so refusals are silent then.
        boolean answer = Boolean.TRUE.equals(publish.options().get("acknowledge"));
        if (!UriRules.valid(topic, MatchPolicy.EXACT)) {
            if (answer) refuse(peer, Publish.CODE, publish.request(), WampUris.INVALID_URI, invalidUri(publish.topic()));
            else log.debug("session {}: unacknowledged PUBLISH to invalid topic '{}' dropped", peer.sessionId(), publish.topic());
            return;
        }
        if (!permissions.permits(peer.identity(), Action.PUBLISH, topic)) {
            if (answer) refuse(peer, Publish.CODE, publish.request(), WampUris.NOT_AUTHORIZED, denied(peer, Action.PUBLISH, topic));
            else log.debug("session {}: unacknowledged PUBLISH to '{}' not authorized, dropped", peer.sessionId(), topic);
            return;
        }
        broker.publish(peer, topic.equals(publish.topic()) ? publish
                : new Publish(publish.request(), publish.options(), topic, publish.payload()));
    }

    private void subscribe(Peer peer, Subscribe subscribe) {
        String topic = checked(peer, Subscribe.CODE, subscribe.request(), subscribe.topic(),
                validationPolicy(subscribe.options().get("match")), Action.SUBSCRIBE);
        if (topic == null) return;
        broker.subscribe(peer, topic.equals(subscribe.topic()) ? subscribe
                : new Subscribe(subscribe.request(), subscribe.options(), topic));
    }

    private void call(Peer peer, Call call) {
        String procedure = checked(peer, Call.CODE, call.request(), call.procedure(), MatchPolicy.EXACT, Action.CALL);
        if (procedure == null) return;
        dealer.call(peer, procedure.equals(call.procedure()) ? call
                : new Call(call.request(), call.options(), procedure, call.payload()));
    }

    private void register(Peer peer, Register register) {
        String procedure = checked(peer, Register.CODE, register.request(), register.procedure(),
                validationPolicy(register.options().get("match")), Action.REGISTER);
        if (procedure == null) return;
        dealer.register(peer, procedure.equals(register.procedure()) ? register
                : new Register(register.request(), register.options(), procedure));
    }

    /** The lower-cased URI when it is valid and permitted; otherwise answers ERROR and returns null. */
    private String checked(Peer peer, int requestType, long request, String uri, MatchPolicy match, Action action) {
        String lowered = UriRules.lowerCase(uri);
        if (!UriRules.valid(lowered, match)) {
            refuse(peer, requestType, request, WampUris.INVALID_URI, invalidUri(uri));
            return null;
        }
        if (!permitted(peer, action, lowered, match)) {
            refuse(peer, requestType, request, WampUris.NOT_AUTHORIZED, denied(peer, action, lowered)
                    + (match == MatchPolicy.EXACT ? "" : " (a " + match.name().toLowerCase(Locale.ROOT)
                    + " pattern must stay within URIs the session may " + action.id() + ")"));
            return null;
        }
        return lowered;
    }

    /** The policy a URI is checked under; an unknown one is checked as exact and refused by the dealer or broker. */
    private static MatchPolicy validationPolicy(Object option) {
        MatchPolicy policy = MatchPolicy.parse(option);
        return policy == null ? MatchPolicy.EXACT : policy;
    }

    /** A pattern reaches every URI its fixed part starts with, so all of them must be permitted. */
    private boolean permitted(Peer peer, Action action, String uri, MatchPolicy match) {
        String prefix = switch (match) {
            case EXACT -> null;
            case PREFIX -> uri;
            case WILDCARD -> UriRules.wildcardPrefix(uri);
        };
        return prefix == null ? permissions.permits(peer.identity(), action, uri)
                : permissions.permitsEvery(peer.identity(), action, prefix);
    }

    private static void refuse(Peer peer, int requestType, long request, String uri, String text) {
        peer.send(new Error(requestType, request, Map.of(), uri, Payload.of(List.of(text))));
    }

    private static String invalidUri(String uri) {
        return uri == null || uri.isEmpty() ? "empty URI" : "'" + uri + "' is not a valid URI";
    }

    private static String denied(Peer peer, Action action, String uri) {
        return peer.identity().authid() + " may not " + action.id() + " " + uri;
    }
}
