package io.vakt.wamp.serializer;

import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.message.WampMessage.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/** One negative test per validation rule of {@link MessageReader}, written as JSON for readability. */
class MessageReaderRulesTest {

    private static WampMessage read(String json) {
        return MessageReader.read(Serializers.JSON.decodeArray(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertRejected(String json, String fragment) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(ProtocolViolation.class).hasMessageContaining(fragment);
    }

    // Shape: message code, element count, element types.

    @Test
    void rejectsEmptyArray() {
        assertRejected("[]", "non-empty array");
        assertThatThrownBy(() -> MessageReader.read(null)).isInstanceOf(ProtocolViolation.class);
    }

    @Test
    void rejectsNonIntegerMessageType() {
        assertRejected("[\"16\", 1, {}, \"t\"]", "message type must be an integer");
        assertRejected("[16.0, 1, {}, \"t\"]", "message type must be an integer");
    }

    @Test
    void rejectsUnknownMessageType() {
        assertRejected("[99, 1, {}]", "unknown message type 99");
        assertRejected("[-1]", "unknown message type -1");
        assertRejected("[4294967312, 1, {}, \"t\"]", "unknown message type 4294967312");
    }

    @Test
    void rejectsWrongElementCount() {
        assertRejected("[1, \"realm1\"]", "HELLO must have 3 elements, got 2");
        assertRejected("[16, 1, {}, \"t\", [], {}, 7]", "PUBLISH must have 4 to 6 elements, got 7");
        assertRejected("[33, 1]", "SUBSCRIBED must have 3 elements");
        assertRejected("[35, 1, {}, 4]", "UNSUBSCRIBED must have 2 to 3 elements");
        assertRejected("[337, 1, {}]", "EVENT_RECEIVED must have 2 elements");
    }

    @Test
    void rejectsNonIntegerId() {
        assertRejected("[17, 1, \"5\"]", "PUBLISHED.Publication must be an id");
        assertRejected("[33, 1, 5.5]", "SUBSCRIBED.Subscription must be an id");
    }

    @Test
    void rejectsIdAbove2Pow53() {
        assertRejected("[65, 1, 9007199254740993]", "REGISTERED.Registration must be an id (integer in [0, 2^53])");
        assertThat(read("[65, 1, 9007199254740992]")).isEqualTo(new Registered(1, 1L << 53));
    }

    @Test
    void rejectsNegativeId() {
        assertRejected("[36, -5, 1, {}]", "EVENT.Subscription must be an id");
    }

    @Test
    void rejectsNegativeRequestId() {
        assertRejected("[48, -1, {}, \"p\"]", "CALL.Request must be a request id (integer in [1, 2^53]), got -1");
    }

    @Test
    void rejectsZeroRequestId() {
        assertRejected("[32, 0, {}, \"t\"]", "SUBSCRIBE.Request must be a request id");
        assertRejected("[35, 0]", "UNSUBSCRIBED.Request must be a request id");
        assertRejected("[67, 0]", "UNREGISTERED.Request must be a request id");
    }

    @Test
    void acceptsRouterInitiatedRevocationWithRequestZero() {
        assertThat(read("[35, 0, {\"subscription\": 5, \"reason\": \"wamp.error.revoked\"}]"))
                .isEqualTo(new Unsubscribed(0, Map.of("subscription", 5L, "reason", "wamp.error.revoked")));
        assertThat(read("[67, 0, {\"registration\": 6}]")).isEqualTo(new Unregistered(0, Map.of("registration", 6L)));
    }

    @Test
    void rejectsNonStringUri() {
        assertRejected("[16, 1, {}, 5]", "PUBLISH.Topic must be a string");
        assertRejected("[64, 1, {}, null]", "REGISTER.Procedure must be a string");
        assertRejected("[8, 48, 1, {}, [\"e\"]]", "ERROR.Error must be a string");
        assertRejected("[3, {}, 7]", "ABORT.Reason must be a string");
        assertRejected("[6, {}, {}]", "GOODBYE.Reason must be a string");
    }

    @Test
    void rejectsNonStringRealm() {
        assertRejected("[1, 1, {}]", "HELLO.Realm must be a string");
    }

    @Test
    void rejectsNonStringAuthMethodAndSignature() {
        assertRejected("[4, 1, {}]", "CHALLENGE.AuthMethod must be a string");
        assertRejected("[5, null, {}]", "AUTHENTICATE.Signature must be a string");
    }

    @Test
    void rejectsNonDictOptionsAndDetails() {
        assertRejected("[16, 1, [], \"t\"]", "PUBLISH.Options must be a dict");
        assertRejected("[1, \"realm1\", null]", "HELLO.Details must be a dict");
        assertRejected("[4, \"wampcra\", \"x\"]", "CHALLENGE.Extra must be a dict");
    }

    @Test
    void rejectsNonStringDictKeysFromHandBuiltArrays() {
        List<Object> wire = new ArrayList<>(List.of(49L, 1L));
        wire.add(Map.of(1L, "kill"));
        assertThatThrownBy(() -> MessageReader.read(wire)).isInstanceOf(ProtocolViolation.class)
                .hasMessageContaining("CANCEL.Options must be a dict with string keys");
    }

    @Test
    void rejectsNonListArguments() {
        assertRejected("[48, 1, {}, \"p\", {\"a\": 1}]", "CALL.Arguments must be a list");
        assertRejected("[50, 1, {}, null, {}]", "RESULT.Arguments must be a list");
    }

    @Test
    void rejectsNonDictArgumentsKw() {
        assertRejected("[48, 1, {}, \"p\", [], [1]]", "CALL.ArgumentsKw must be a dict");
    }

    @Test
    void rejectsUnknownErrorRequestType() {
        assertRejected("[8, 1, 1, {}, \"e\"]", "ERROR.Type must be the code of a request");
        assertRejected("[8, \"CALL\", 1, {}, \"e\"]", "ERROR.Type");
    }

    @Test
    void rejectsMoreThanOnePayloadElementUnderPayloadTransparency() {
        assertRejected("[16, 1, {\"enc_algo\": \"cryptobox\"}, \"t\", \"\\u0000AQ==\", {}]",
                "at most 5 elements under payload transparency");
    }

    @Test
    void rejectsNullTransparentPayload() {
        assertRejected("[70, 1, {\"ppt_scheme\": \"mqtt\"}, null]", "YIELD.Payload must not be null");
    }

    @Test
    void keepsTheTransparentPayloadAsItCame() {
        assertThat(read("[16, 1, {\"enc_algo\": \"xbr\"}, \"t\", \"\\u0000AQI=\"]"))
                .isInstanceOfSatisfying(Publish.class,
                        p -> assertThat((byte[]) p.payload().transparent()).containsExactly(1, 2));
        assertThat(read("[16, 1, {\"enc_algo\": \"x_mine\"}, \"t\"]"))
                .isEqualTo(new Publish(1, Map.of("enc_algo", "x_mine"), "t", Payload.EMPTY));
    }

    @Test
    void acceptsUnknownOptionsForForwardCompatibility() {
        assertThat(read("[48, 1, {\"x_future\": [1, {}], \"receive_progress\": true}, \"p\"]"))
                .isInstanceOf(Call.class);
    }

    // Options and details: one case per rule, named after it.

    static Stream<Arguments> optionRules() {
        return Stream.of(
                argumentSet("rejectsNonStringListHelloAuthmethods", "[1, \"r\", {\"authmethods\": \"anonymous\"}]", "HELLO.Details.authmethods"),
                argumentSet("rejectsNonStringHelloAuthmethod", "[1, \"r\", {\"authmethods\": [1]}]", "HELLO.Details.authmethods must be a list of strings"),
                argumentSet("rejectsNonStringHelloAuthid", "[1, \"r\", {\"authid\": 5}]", "HELLO.Details.authid must be a string"),
                argumentSet("rejectsNonDictHelloRoles", "[1, \"r\", {\"roles\": [\"caller\"]}]", "HELLO.Details.roles must be a dict"),
                argumentSet("rejectsNonDictHelloAuthextra", "[1, \"r\", {\"authextra\": \"x\"}]", "HELLO.Details.authextra must be a dict"),
                argumentSet("rejectsNonDictWelcomeRoles", "[2, 5, {\"roles\": 1}]", "WELCOME.Details.roles must be a dict"),
                argumentSet("rejectsNonStringWelcomeAuthrole", "[2, 5, {\"authrole\": true}]", "WELCOME.Details.authrole must be a string"),
                argumentSet("rejectsNonStringAbortMessage", "[3, {\"message\": 1}, \"wamp.error.x\"]", "ABORT.Details.message must be a string"),
                argumentSet("rejectsNonBooleanPublishAcknowledge", "[16, 1, {\"acknowledge\": 1}, \"t\"]", "PUBLISH.Options.acknowledge must be a boolean"),
                argumentSet("rejectsNonIdPublishExclude", "[16, 1, {\"exclude\": [-1]}, \"t\"]", "PUBLISH.Options.exclude must be a list of ids"),
                argumentSet("rejectsNonStringPublishEligibleAuthrole", "[16, 1, {\"eligible_authrole\": [null]}, \"t\"]", "PUBLISH.Options.eligible_authrole"),
                argumentSet("rejectsNonBooleanPublishRetain", "[16, 1, {\"retain\": \"yes\"}, \"t\"]", "PUBLISH.Options.retain must be a boolean"),
                argumentSet("rejectsNonDictForwardForHop", "[16, 1, {\"forward_for\": [1]}, \"t\"]", "PUBLISH.Options.forward_for must be a list of dicts"),
                argumentSet("rejectsNonIdForwardForSession", "[16, 1, {\"forward_for\": [{\"session\": \"a\"}]}, \"t\"]", "PUBLISH.Options.forward_for"),
                argumentSet("rejectsUnknownEncAlgo", "[16, 1, {\"enc_algo\": \"rot13\"}, \"t\"]", "PUBLISH.Options.enc_algo must be cryptobox, mqtt, xbr or a custom x_ identifier"),
                argumentSet("rejectsMalformedCustomEncAlgo", "[16, 1, {\"enc_algo\": \"x_A\"}, \"t\"]", "PUBLISH.Options.enc_algo"),
                argumentSet("rejectsUnknownEncSerializer", "[16, 1, {\"enc_algo\": \"cryptobox\", \"enc_serializer\": \"xml\"}, \"t\"]", "PUBLISH.Options.enc_serializer"),
                argumentSet("rejectsNonStringPptScheme", "[48, 1, {\"ppt_scheme\": 1}, \"p\"]", "CALL.Options.ppt_scheme must be a string"),
                argumentSet("rejectsUnknownSubscribeMatch", "[32, 1, {\"match\": \"regex\"}, \"t\"]", "SUBSCRIBE.Options.match must be one of exact, prefix, wildcard"),
                argumentSet("rejectsNonBooleanSubscribeGetRetained", "[32, 1, {\"get_retained\": 0}, \"t\"]", "SUBSCRIBE.Options.get_retained"),
                argumentSet("rejectsNonIdUnsubscribedSubscription", "[35, 0, {\"subscription\": \"s\"}]", "UNSUBSCRIBED.Details.subscription must be an id"),
                argumentSet("rejectsNonIdEventPublisher", "[36, 1, 2, {\"publisher\": \"hello\"}]", "EVENT.Details.publisher must be an id"),
                argumentSet("rejectsNonBooleanEventRetained", "[36, 1, 2, {\"retained\": \"hello\"}]", "EVENT.Details.retained must be a boolean"),
                argumentSet("rejectsNonBooleanCallReceiveProgress", "[48, 1, {\"receive_progress\": \"true\"}, \"p\"]", "CALL.Options.receive_progress must be a boolean"),
                argumentSet("rejectsNegativeCallTimeout", "[48, 1, {\"timeout\": -1}, \"p\"]", "CALL.Options.timeout must be a non-negative integer, got -1"),
                argumentSet("rejectsFractionalCallTimeout", "[48, 1, {\"timeout\": 1.5}, \"p\"]", "CALL.Options.timeout must be a non-negative integer"),
                argumentSet("rejectsNonBooleanCallDiscloseMe", "[48, 1, {\"disclose_me\": 1}, \"p\"]", "CALL.Options.disclose_me must be a boolean"),
                argumentSet("rejectsUnknownCancelMode", "[49, 1, {\"mode\": \"abort\"}]", "CANCEL.Options.mode must be one of skip, kill, killnowait"),
                argumentSet("rejectsNonBooleanResultProgress", "[50, 1, {\"progress\": 1}]", "RESULT.Details.progress must be a boolean"),
                argumentSet("rejectsUnknownRegisterMatch", "[64, 1, {\"match\": \"glob\"}, \"p\"]", "REGISTER.Options.match"),
                argumentSet("rejectsUnknownRegisterInvoke", "[64, 1, {\"invoke\": \"all\"}, \"p\"]", "REGISTER.Options.invoke must be one of single, roundrobin, random, first, last"),
                argumentSet("rejectsNonBooleanRegisterDiscloseCaller", "[64, 1, {\"disclose_caller\": \"yes\"}, \"p\"]", "REGISTER.Options.disclose_caller must be a boolean"),
                argumentSet("rejectsNonPositiveRegisterConcurrency", "[64, 1, {\"concurrency\": 0}, \"p\"]", "REGISTER.Options.concurrency must be a positive integer"),
                argumentSet("rejectsNonIdUnregisteredRegistration", "[67, 0, {\"registration\": -3}]", "UNREGISTERED.Details.registration must be an id"),
                argumentSet("rejectsNonIdInvocationCaller", "[68, 1, 2, {\"caller\": \"me\"}]", "INVOCATION.Details.caller must be an id"),
                argumentSet("rejectsNonStringInvocationProcedure", "[68, 1, 2, {\"procedure\": 5}]", "INVOCATION.Details.procedure must be a string"),
                argumentSet("rejectsUnknownInterruptMode", "[69, 1, {\"mode\": \"skip\"}]", "INTERRUPT.Options.mode must be one of kill, killnowait"),
                argumentSet("rejectsNonBooleanYieldProgress", "[70, 1, {\"progress\": \"no\"}]", "YIELD.Options.progress must be a boolean"),
                argumentSet("rejectsNonStringErrorEncAlgo", "[8, 48, 1, {\"enc_algo\": 1}, \"e\"]", "ERROR.Details.enc_algo"));
    }

    @ParameterizedTest
    @MethodSource("optionRules")
    void rejectsOptionOfWrongType(String json, String fragment) {
        assertRejected(json, fragment);
    }

    @Test
    void acceptsEveryValidEnumValue() {
        for (String match : List.of("exact", "prefix", "wildcard")) {
            read("[64, 1, {\"match\": \"" + match + "\"}, \"p\"]");
        }
        for (String invoke : List.of("single", "roundrobin", "random", "first", "last")) {
            read("[64, 1, {\"invoke\": \"" + invoke + "\"}, \"p\"]");
        }
        for (String mode : List.of("skip", "kill", "killnowait")) read("[49, 1, {\"mode\": \"" + mode + "\"}]");
        for (String algo : List.of("cryptobox", "mqtt", "xbr", "x_", "x_my_algo2")) {
            read("[36, 1, 2, {\"enc_algo\": \"" + algo + "\"}, \"\\u0000AA==\"]");
        }
        read("[48, 1, {\"timeout\": 0, \"receive_progress\": false, \"disclose_me\": true}, \"p\"]");
        read("[1, \"realm1\", {\"authmethods\": [\"anonymous\"], \"authid\": \"<AT>\", "
                + "\"roles\": {\"caller\": {}, \"callee\": {}, \"publisher\": {}, \"subscriber\": {}}}]");
    }
}
