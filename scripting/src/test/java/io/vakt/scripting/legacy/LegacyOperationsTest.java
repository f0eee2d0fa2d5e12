package io.vakt.scripting.legacy;

import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.live.UpdateType;
import io.vakt.core.path.NodePaths;
import io.vakt.core.write.AuditEntry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static io.vakt.scripting.legacy.LegacyFixture.GUEST;
import static io.vakt.scripting.legacy.LegacyFixture.NOBODY;
import static io.vakt.scripting.legacy.LegacyFixture.OPERATOR;
import static io.vakt.scripting.legacy.LegacyFixture.SERVICE;
import static io.vakt.scripting.legacy.LegacyFixture.WORKSHOP_OPERATOR;
import static io.vakt.scripting.legacy.LegacyFixture.scope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code context.legacy} over the demo building's simulator (spec §7.7, §8.3, §8.5 decision, §15 item 9,
 * §16 item 68): the same access control as GraphQL, for the call's caller.
 */
class LegacyOperationsTest {
    private static final int PENDING = UpdateType.Pending.code();
    private static final int UPDATE = UpdateType.Update.code();
    private static final int RESPONSE = UpdateType.Response.code();

    private final LegacyFixture fixture = new LegacyFixture();

    @AfterEach
    void stop() { fixture.close(); }

    // --- read ----------------------------------------------------------------------------------------------

    @Test
    void readAnswersPendingFirstThenAValueOnALaterPoll() {
        List<Map<String, Object>> first = read(GUEST, List.of("AHU1.GT11", "*ahu1.gt11_sp"));
        assertThat(first).extracting(v -> v.get("type")).containsExactly(PENDING, PENDING);
        assertThat(first).extracting(v -> v.get("variable")).as("echoed as given").containsExactly("AHU1.GT11", "*ahu1.gt11_sp");
        assertThat(first.getFirst()).containsOnlyKeys("value", "variable", "type", "timestamp").containsEntry("value", null);

        List<Map<String, Object>> later = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> read(GUEST, List.of("AHU1.GT11", "*ahu1.gt11_sp")),
                        values -> values.stream().allMatch(v -> v.get("type").equals(UPDATE)));
        assertThat(later).allSatisfy(v -> assertThat(v.get("value")).isInstanceOf(Double.class));
        String timestamp = (String) later.getFirst().get("timestamp");
        assertThat(timestamp).endsWith("Z");
        assertThat(Instant.parse(timestamp)).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void readKeepsTheOrderAskedForDuplicatesIncluded() {
        List<String> published = List.of("AHU1.GT31", "HC1.P2_FB", "AHU1.GT11", "AHU1.GT31");
        assertThat(read(GUEST, published)).extracting(v -> v.get("variable")).containsExactlyElementsOf(published);
        List<Map<String, Object>> values = await().atMost(Duration.ofSeconds(5)).until(() -> read(GUEST, published),
                answer -> answer.stream().allMatch(v -> v.get("type").equals(UPDATE)));
        assertThat(values).extracting(v -> v.get("variable")).containsExactlyElementsOf(published);
        assertThat(values.get(0).get("value")).isEqualTo(values.get(3).get("value"));
    }

    @Test
    void aSingleStringOrSeveralStringsAreReadToo() {
        assertThat(read(GUEST, "AHU1.GT11")).extracting(v -> v.get("variable")).containsExactly("AHU1.GT11");
        Object several = done(fixture.operations.read(scope(GUEST), List.of("AHU1.GT11", "AHU1.GT21"), v -> { }));
        assertThat(several).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(2);
        assertThat(read(GUEST, List.of())).isEmpty();
    }

    @Test
    void anUnpublishedAddressFailsTheWholeReadAndAdvisesNothing() {
        VaktException refused = failure(fixture.operations.read(scope(GUEST), List.of(List.of("AHU1.GT11", "RU1.R101_SV")), v -> { }));
        assertThat(refused.fault()).isEqualTo(Fault.NOT_AUTHORIZED);
        assertThat(refused.fault().wampUri()).isEqualTo("wamp.error.not_authorized");
        assertThat(refused.getMessage()).isEqualTo("RU1.R101_SV is not published in any folder you can see");
        assertThat(fixture.hub.advisedCount()).isZero();
    }

    @Test
    void anAddressNoControllerHasIsRefusedLikeAnUnpublishedOne() {
        assertThat(readRefusal(SERVICE, "AHU1.NO_SUCH_POINT").getMessage())
                .isEqualTo("AHU1.NO_SUCH_POINT is not published in any folder you can see");
    }

    @Test
    void aPublishedAddressNoControllerHasReadsAsErrorNotExist() {
        assertThat(read(GUEST, List.of("Nope.Ghost")).getFirst()).containsEntry("type", UpdateType.ErrorNotExist.code());
    }

    @Test
    void anAddressPublishedOnlyInAHiddenFolderIsRefusedAsIfUnpublished() {
        assertThat(readRefusal(GUEST, "RU1.R102_SV").getMessage())
                .isEqualTo("RU1.R102_SV is not published in any folder you can see");
        assertThat(read(WORKSHOP_OPERATOR, List.of("RU1.R102_SV"))).hasSize(1);
    }

    @Test
    void readAccessAboveTheCallersLevelIsRefused() {
        assertThat(readRefusal(GUEST, "RU1.R103_SV").getMessage()).isEqualTo("reading RU1.R103_SV needs Service, you have Guest");
        assertThat(read(SERVICE, List.of("RU1.R103_SV"))).hasSize(1);
    }

    @Test
    void aUserWhoSeesNoFolderReadsNothing() {
        assertThat(readRefusal(NOBODY, "AHU1.GT11").getMessage()).isEqualTo("AHU1.GT11 is not published in any folder you can see");
    }

    @Test
    void badReadArgumentsAreRefused() {
        assertThat(readRefusal(GUEST, "GT11").getMessage()).isEqualTo("\"GT11\" is not a technical address (Controller.Point)");
        assertThat(failure(fixture.operations.read(scope(GUEST), List.of(List.of(5)), v -> { })).fault()).isEqualTo(Fault.INVALID_ARGUMENT);
        assertThat(failure(fixture.operations.read(scope(GUEST), List.of(), v -> { })).fault()).isEqualTo(Fault.INVALID_ARGUMENT);
        VaktException tooMany = failure(fixture.operations.read(scope(GUEST),
                List.of(Collections.nCopies(LegacyBus.MAX_VARIABLES + 1, "AHU1.GT11")), v -> { }));
        assertThat(tooMany.fault()).isEqualTo(Fault.INVALID_ARGUMENT);
        assertThat(tooMany.getMessage()).contains("at most 1000");
    }

    // --- write ---------------------------------------------------------------------------------------------

    @Test
    void aGuestWriteIsRefusedAndLeavesTheValueUnchanged() {
        Object before = settledValue(GUEST, "AHU1.GT11_SP");
        VaktException refused = failure(write(GUEST, Map.of("variable", "AHU1.GT11_SP", "value", 25)));
        assertThat(refused.fault()).isEqualTo(Fault.NOT_AUTHORIZED);
        assertThat(refused.getMessage()).isEqualTo("writing AHU1.GT11_SP needs Operator, you have Guest");
        assertThat(fixture.audit).as("never reached the write path").isEmpty();
        assertThat(fixture.writes.acceptedCount() + fixture.writes.refusedCount()).isZero();
        assertThat(read(GUEST, List.of("AHU1.GT11_SP")).getFirst().get("value")).isEqualTo(before);
        assertThat(before).isNotEqualTo(25.0);
    }

    @Test
    void anOperatorWriteIsAcceptedAuditedAndReadBack() {
        Map<String, Object> answer = done(write(OPERATOR, Map.of("variable", "AHU1.GT11_SP", "value", 21.5)));
        assertThat(answer).containsEntry("value", 21.5).containsEntry("variable", "AHU1.GT11_SP")
                .containsEntry("type", RESPONSE).containsKey("timestamp");
        AuditEntry entry = fixture.audit.getFirst();
        assertThat(entry.username()).isEqualTo("olga");
        assertThat(entry.clientAddress()).isEqualTo("ssf " + LegacyFixture.OVERVIEW);
        assertThat(entry.technicalAddress()).isEqualTo("AHU1.GT11_SP");
        assertThat(entry.succeeded()).isTrue();
        assertThat(settledValue(GUEST, "AHU1.GT11_SP")).isEqualTo(21.5);
    }

    @Test
    void theOriginalsArrayFormAndPositionalValuesAreAccepted() {
        Map<String, Object> digital = done(fixture.operations.write(scope(OPERATOR),
                List.of(List.of(Map.of("variable", "AHU1.ECO_ENABLE", "value", true))), v -> { }));
        assertThat(digital).containsEntry("value", 1L);
        Map<String, Object> text = done(fixture.operations.write(scope(OPERATOR), List.of("*AHU1.OPERATOR_NOTE", "filter ok"), v -> { }));
        assertThat(text).containsEntry("value", "filter ok").containsEntry("variable", "*AHU1.OPERATOR_NOTE");
    }

    @Test
    void aVariableThatIsNotWritableIsRefused() {
        VaktException refused = failure(write(SERVICE, Map.of("variable", "AHU1.GT11", "value", 20)));
        assertThat(refused.fault()).isEqualTo(Fault.NOT_AUTHORIZED);
        assertThat(refused.getMessage()).isEqualTo("AHU1.GT11 is not writable");
    }

    @Test
    void writingUnpublishedOrHiddenAddressesIsRefused() {
        assertThat(failure(write(SERVICE, Map.of("variable", "RU1.R101_SV", "value", 20))).getMessage())
                .isEqualTo("RU1.R101_SV is not published in any folder you can see");
        assertThat(failure(write(OPERATOR, Map.of("variable", "RU1.R102_SV", "value", 20))).getMessage())
                .isEqualTo("RU1.R102_SV is not published in any folder you can see");
        assertThat(fixture.audit).isEmpty();
    }

    @Test
    void theWriteGoesThroughAnOccurrenceTheCallerMayUse() {
        // MAN_OVERRIDE: WriteAccess Service in Landskrona's AHU1 list, Operator in the Workshop's Service list
        VaktException guest = failure(write(GUEST, Map.of("variable", "AHU1.MAN_OVERRIDE", "value", 1)));
        assertThat(guest.getMessage()).isEqualTo("writing AHU1.MAN_OVERRIDE needs Service, you have Guest");
        Map<String, Object> answer = done(write(WORKSHOP_OPERATOR, Map.of("variable", "AHU1.MAN_OVERRIDE", "value", 1)));
        assertThat(answer).containsEntry("value", 1L);
        assertThat(NodePaths.decode(fixture.audit.getFirst().nodePath())).hasValue("Workshop.Service.File");
    }

    @Test
    void theWriteServicesRefusalsComeThroughWithTheirFault() {
        VaktException typed = failure(write(OPERATOR, Map.of("variable", "AHU1.GT11_SP", "value", "five")));
        assertThat(typed.fault()).isEqualTo(Fault.INVALID_VALUE);
        VaktException range = failure(write(OPERATOR, Map.of("variable", "AHU1.GT11_SP", "value", 99)));
        assertThat(range.fault()).isEqualTo(Fault.OUT_OF_RANGE);
        assertThat(fixture.audit).extracting(AuditEntry::succeeded).containsExactly(false, false);
    }

    @Test
    void badWriteArgumentsAreRefused() {
        assertThat(failure(write(OPERATOR, Map.of("variable", "AHU1.GT11_SP"))).getMessage()).isEqualTo("legacy.write needs {variable, value}");
        assertThat(failure(write(OPERATOR, Map.of("value", 1))).fault()).isEqualTo(Fault.INVALID_ARGUMENT);
        assertThat(failure(write(OPERATOR, nullValue())).getMessage()).isEqualTo("legacy.write needs a value");
        assertThat(failure(write(OPERATOR, Map.of("variable", "AHU1.GT11_SP", "value", List.of(1)))).fault())
                .isEqualTo(Fault.INVALID_ARGUMENT);
        assertThat(failure(fixture.operations.write(scope(OPERATOR), List.of(List.of()), v -> { })).fault())
                .isEqualTo(Fault.INVALID_ARGUMENT);
        assertThat(fixture.audit).isEmpty();
    }

    @Test
    void operationsAreNamedAsTheRuntimeExpects() {
        // legacy.execute is rejected by the runtime's JavaScript side (spec §15 item 10), never by the host
        assertThat(fixture.operations.operations()).containsOnlyKeys("legacy.read", "legacy.write");
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static Map<String, Object> nullValue() {
        Map<String, Object> map = new HashMap<>();
        map.put("variable", "AHU1.GT11_SP");
        map.put("value", null);
        return map;
    }

    /** The value of a variable once the controller delivered one. */
    private Object settledValue(Principal principal, String variable) {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> read(principal, List.of(variable)).getFirst(), v -> v.get("type").equals(UPDATE)).get("value");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> read(Principal principal, Object variables) {
        return (List<Map<String, Object>>) done(fixture.operations.read(scope(principal), List.of(variables), v -> { }));
    }

    private VaktException readRefusal(Principal principal, String variable) {
        return failure(fixture.operations.read(scope(principal), List.of(List.of(variable)), v -> { }));
    }

    private CompletionStage<Object> write(Principal principal, Map<String, Object> request) {
        return fixture.operations.write(scope(principal), List.of(request), v -> { });
    }

    @SuppressWarnings("unchecked")
    private static <T> T done(CompletionStage<Object> stage) {
        return (T) stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The stage's own failure, unwrapped: scripts must see the fault's URI. */
    private static VaktException failure(CompletionStage<Object> stage) {
        Throwable failure = stage.toCompletableFuture().handle((value, error) -> error).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(failure).isInstanceOf(VaktException.class);
        return (VaktException) failure;
    }
}
