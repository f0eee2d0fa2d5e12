package io.vakt.wamp.serializer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.*;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link WampMessage} into its message array (the generic value model every serializer writes), the
 * inverse of {@link MessageReader}. Trailing empty payload parts are left out the way Autobahn does: no kwargs
 * drops ArgumentsKw, no args and no kwargs drops both, kwargs without args writes an empty Arguments list, and a
 * transparent payload takes the place of Arguments.
 *
 * <p>The result is a fixed-size list over one exactly sized array: no copies of the message's dicts or lists.
 */
public final class MessageWriter {
    private MessageWriter() {}

    /** The message array of {@code message}; it shares the message's dicts and payload values. */
    public static List<Object> write(WampMessage message) {
        return switch (message) {
            case Hello m -> array(Hello.CODE, m.realm(), dict(m.details()));
            case Welcome m -> array(Welcome.CODE, m.session(), dict(m.details()));
            case Abort m -> array(Abort.CODE, dict(m.details()), m.reason());
            case Challenge m -> array(Challenge.CODE, m.authMethod(), dict(m.extra()));
            case Authenticate m -> array(Authenticate.CODE, m.signature(), dict(m.extra()));
            case Goodbye m -> array(Goodbye.CODE, dict(m.details()), m.reason());
            case WampMessage.Error m -> withPayload(m.payload(),
                    WampMessage.Error.CODE, m.requestType(), m.request(), dict(m.details()), m.error());
            case Publish m -> withPayload(m.payload(), Publish.CODE, m.request(), dict(m.options()), m.topic());
            case Published m -> array(Published.CODE, m.request(), m.publication());
            case Subscribe m -> array(Subscribe.CODE, m.request(), dict(m.options()), m.topic());
            case Subscribed m -> array(Subscribed.CODE, m.request(), m.subscription());
            case Unsubscribe m -> array(Unsubscribe.CODE, m.request(), m.subscription());
            case Unsubscribed m -> revocable(Unsubscribed.CODE, m.request(), m.details());
            case Event m -> withPayload(m.payload(), Event.CODE, m.subscription(), m.publication(), dict(m.details()));
            case EventReceived m -> array(EventReceived.CODE, m.publication());
            case Call m -> withPayload(m.payload(), Call.CODE, m.request(), dict(m.options()), m.procedure());
            case Cancel m -> array(Cancel.CODE, m.request(), dict(m.options()));
            case Result m -> withPayload(m.payload(), Result.CODE, m.request(), dict(m.details()));
            case Register m -> array(Register.CODE, m.request(), dict(m.options()), m.procedure());
            case Registered m -> array(Registered.CODE, m.request(), m.registration());
            case Unregister m -> array(Unregister.CODE, m.request(), m.registration());
            case Unregistered m -> revocable(Unregistered.CODE, m.request(), m.details());
            case Invocation m -> withPayload(m.payload(),
                    Invocation.CODE, m.request(), m.registration(), dict(m.details()));
            case Interrupt m -> array(Interrupt.CODE, m.request(), dict(m.options()));
            case Yield m -> withPayload(m.payload(), Yield.CODE, m.request(), dict(m.options()));
        };
    }

    private static List<Object> array(Object... elements) {
        return Arrays.asList(elements);
    }

    /**
     * UNSUBSCRIBED/UNREGISTERED: the short acknowledgement form when there are no details; the revocation
     * form [code, 0, Details] otherwise, and always for request 0 so that it reads back.
     */
    private static List<Object> revocable(int code, long request, Map<String, Object> details) {
        if (request != 0 && (details == null || details.isEmpty())) return array(code, request);
        return array(code, request, dict(details));
    }

    private static List<Object> withPayload(Payload payload, Object... head) {
        int parts = payloadParts(payload);
        if (parts == 0) return Arrays.asList(head);
        Object[] all = Arrays.copyOf(head, head.length + parts);
        if (payload.transparent() != null) {
            all[head.length] = payload.transparent();
        } else {
            all[head.length] = payload.args() == null ? List.of() : payload.args();
            if (parts == 2) all[head.length + 1] = payload.kwargs();
        }
        return Arrays.asList(all);
    }

    private static int payloadParts(Payload payload) {
        if (payload == null) return 0;
        if (payload.transparent() != null) return 1;
        if (payload.kwargs() != null && !payload.kwargs().isEmpty()) return 2;
        return payload.args() != null && !payload.args().isEmpty() ? 1 : 0;
    }

    private static Map<String, Object> dict(Map<String, Object> dict) {
        return dict == null ? Map.of() : dict;
    }
}
