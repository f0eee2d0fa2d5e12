package io.vakt.core.write;

import io.vakt.core.access.AccessPolicy;
import io.vakt.core.access.Principal;
import io.vakt.core.driver.PointResolver;
import io.vakt.core.driver.RecordingDriver;
import io.vakt.core.driver.RecordingDriver.WriteCall;
import io.vakt.core.driver.ResolvedPoint;
import io.vakt.core.driver.Sample;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.live.LiveValues;
import io.vakt.core.live.LiveValuesConfig;
import io.vakt.core.live.Watch;
import io.vakt.core.model.Project;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.model.TestProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.vakt.core.model.TestProject.ADMIN;
import static io.vakt.core.model.TestProject.GT11_SP;
import static io.vakt.core.model.TestProject.GUEST;
import static io.vakt.core.model.TestProject.K_FAN;
import static io.vakt.core.model.TestProject.K_GHOST;
import static io.vakt.core.model.TestProject.K_RUNMODE;
import static io.vakt.core.model.TestProject.K_SECOND;
import static io.vakt.core.model.TestProject.K_SECRET;
import static io.vakt.core.model.TestProject.K_SETPOINT;
import static io.vakt.core.model.TestProject.K_UNIT_NAME;
import static io.vakt.core.model.TestProject.LANDSKRONA;
import static io.vakt.core.model.TestProject.NOBODY;
import static io.vakt.core.model.TestProject.OPERATOR;
import static io.vakt.core.model.TestProject.OVERVIEW;
import static io.vakt.core.model.TestProject.SERVICE;
import static io.vakt.core.model.TestProject.SERVICE_LIST;
import static io.vakt.core.model.TestProject.SYSTEM_AIR;
import static io.vakt.core.model.TestProject.WORKSHOP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The write path (spec §4.3, §9, §15 item 14, §16 items 31–34): access, typing, driver, read-back, audit. */
class WriteServiceTest {
    private static final Instant NOW = Instant.parse("2024-03-04T12:00:00Z");
    private static final String CLIENT = "192.0.2.7";

    private final Project project = TestProject.project();
    private final RecordingDriver driver = new RecordingDriver();
    private final PointResolver resolver = address -> project.point(address)
            .map(point -> new ResolvedPoint(new TechnicalAddress("AHU1", point.address()), point, driver));
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final LiveValues hub = new LiveValues(new LiveValuesConfig(0, Duration.ofSeconds(30), Duration.ofSeconds(30)),
            resolver, scheduler, clock);
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final String systemAir = project.nodePath(LANDSKRONA, SYSTEM_AIR);
    private final String overview = project.nodePath(LANDSKRONA, OVERVIEW);
    private final String workshop = project.nodePath(WORKSHOP, SERVICE_LIST);
    private WriteConfig config = new WriteConfig(3, Duration.ofMillis(1), Duration.ofMillis(300));

    @AfterEach
    void stop() {
        hub.close();
        scheduler.shutdownNow();
    }

    private WriteService service(java.util.concurrent.Executor blocking) {
        return new WriteService(project, new AccessPolicy(project), resolver, hub, audit, blocking, scheduler, clock, config);
    }

    private WriteResult write(Principal who, String nodePath, String root, int k, String value) {
        return service(Runnable::run).write(new WriteRequest(who, CLIENT, nodePath, root, k, value))
                .toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    private WriteResult write(Principal who, int k, String value) { return write(who, systemAir, "Cwl", k, value); }

    private static VaktException refusal(WriteResult result) {
        assertThat(result).isInstanceOf(WriteResult.Refused.class);
        assertThat(result.ok()).isFalse();
        return ((WriteResult.Refused) result).reason();
    }

    private static Fault fault(WriteResult result) { return refusal(result).fault(); }

    // --- accepted writes ------------------------------------------------------------------------------------

    @Test
    void writableEntryWithEnoughLevelIsWrittenConfirmedAndAudited() {
        driver.set(GT11_SP, 18.0);
        WriteResult result = write(OPERATOR, K_SETPOINT, "21,5");

        assertThat(result).isEqualTo(new WriteResult.Written(new TechnicalAddress("AHU1", "GT11_SP"), 18.0, 21.5));
        assertThat(result.ok()).isTrue();
        assertThat(driver.writes()).containsExactly(new WriteCall("GT11_SP", 21.5));
        assertThat(driver.calls()).containsExactly("read GT11_SP", "write GT11_SP=21.5", "read GT11_SP");
        AuditEntry entry = audit.only();
        assertThat(entry).isEqualTo(new AuditEntry(NOW, "operator", CLIENT, systemAir, "Cwl.Advise.A[1]",
                "AHU1.GT11_SP", "18", "21.5", "ok"));
        assertThat(entry.succeeded()).isTrue();
    }

    @Test
    void theDriverGetsTheValueInThePointsType() {
        assertThat(write(SERVICE, K_RUNMODE, "2").ok()).isTrue();
        assertThat(write(SERVICE, K_RUNMODE, "3.0").ok()).isTrue();
        assertThat(write(OPERATOR, K_FAN, "on").ok()).isTrue();
        assertThat(driver.writes()).containsExactly(new WriteCall("RUNMODE", 2L), new WriteCall("RUNMODE", 3L),
                new WriteCall("TF1", 1L));
    }

    @Test
    void oldValueComesFromTheHubWhenItIsWatched() {
        Watch watch = hub.watch(new TechnicalAddress("AHU1", "GT11_SP"), value -> {});
        hub.accept(new TechnicalAddress("AHU1", "GT11_SP"), Sample.good(19.0, NOW));
        driver.clearCalls();
        WriteResult result = write(OPERATOR, K_SETPOINT, "20");
        assertThat(result).isEqualTo(new WriteResult.Written(new TechnicalAddress("AHU1", "GT11_SP"), 19.0, 20.0));
        assertThat(driver.calls()).as("no read before the write").containsExactly("write GT11_SP=20.0", "read GT11_SP");
        assertThat(audit.only().oldValue()).isEqualTo("19");
        watch.close();
    }

    @Test
    void theConfirmedValueIsTheHubsNewestStateAtOnce() {
        TechnicalAddress setpoint = new TechnicalAddress("AHU1", "GT11_SP");
        Watch watch = hub.watch(setpoint, value -> {});
        hub.accept(setpoint, Sample.good(19.0, NOW));

        assertThat(write(OPERATOR, K_SETPOINT, "20").ok()).isTrue();

        assertThat(hub.cached(setpoint)).as("read your own write, without waiting for the next poll")
                .hasValueSatisfying(value -> assertThat(value.value()).isEqualTo(20.0));
        watch.close();
    }

    @Test
    void writeDataKeysWithoutARootAreAccepted() {
        assertThat(write(OPERATOR, systemAir, null, K_SETPOINT, "20").ok()).isTrue();
        assertThat(audit.only().elementPath()).isEqualTo("Cwl.Advise.A[1]");
    }

    @Test
    void viewElementsAreWrittenByTheirViewPath() {
        WriteResult result = write(OPERATOR, overview, "Cwv", 1, "1");
        assertThat(result.ok()).isTrue();
        assertThat(driver.writes()).containsExactly(new WriteCall("TF1", 1L));
        assertThat(audit.only().elementPath()).isEqualTo("Cwv.Advise.A[1]");
        assertThat(audit.only().technicalAddress()).isEqualTo("AHU1.TF1");
    }

    @Test
    void aFolderGrantCanEnableAWrite() {
        assertThat(write(OPERATOR, workshop, "Cwl", 0, "20").ok()).isTrue();
    }

    @Test
    void readBackThatConfirmsLateIsStillAWrite() {
        AtomicInteger reads = new AtomicInteger();
        driver.onWrite((point, value) -> CompletableFuture.completedFuture(null));
        driver.onRead(point -> CompletableFuture.completedFuture(
                Sample.good(reads.incrementAndGet() < 3 ? 18.0 : 22.0, NOW)));
        assertThat(write(OPERATOR, K_SETPOINT, "22").ok()).isTrue();
        assertThat(reads.get()).as("old value, then two mismatching read-backs, then a match").isEqualTo(3);
    }

    // --- refusals before the driver -------------------------------------------------------------------------

    @Test
    void notWritableIsRefusedAndTheDriverGetsNothing() {
        VaktException reason = refusal(write(ADMIN, K_SECOND, "5"));
        assertThat(reason.fault()).isEqualTo(Fault.NOT_WRITABLE);
        assertThat(reason).hasMessage("AHU1.QSystem.Sec is not writable");
        assertThat(driver.calls()).isEmpty();
        assertThat(fault(write(ADMIN, K_UNIT_NAME, "x"))).isEqualTo(Fault.NOT_WRITABLE);
    }

    @Test
    void levelBelowWriteAccessIsRefused() {
        VaktException reason = refusal(write(OPERATOR, K_RUNMODE, "1"));
        assertThat(reason.fault()).isEqualTo(Fault.WRITE_ACCESS_TOO_LOW);
        assertThat(reason).hasMessage("writing AHU1.RUNMODE needs Service, you have Operator");
        assertThat(fault(write(GUEST, K_SETPOINT, "20"))).isEqualTo(Fault.WRITE_ACCESS_TOO_LOW);
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void levelBelowReadAccessIsRefused() {
        VaktException reason = refusal(write(OPERATOR, K_SECRET, "1"));
        assertThat(reason.fault()).isEqualTo(Fault.READ_ACCESS_TOO_LOW);
        assertThat(reason).hasMessage("reading AHU1.SECRET needs Service, you have Operator");
        assertThat(driver.calls()).isEmpty();
        assertThat(write(SERVICE, K_SECRET, "1").ok()).isTrue();
    }

    @Test
    void aFolderTheUserCannotSeeIsAnInvalidPath() {
        VaktException reason = refusal(write(GUEST, workshop, "Cwl", 0, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.INVALID_PATH);
        assertThat(reason).hasMessage("Invalid path");
        assertThat(fault(write(NOBODY, K_FAN, "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void unknownNodePathIsAnInvalidPath() {
        assertThat(fault(write(ADMIN, "bm9wZS5GaWxl", "Cwl", 0, "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(fault(write(ADMIN, "!!not base64!!", "Cwl", 0, "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(fault(write(ADMIN, "", "Cwl", 0, "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void nodePathsMatchIgnoringCase() {
        String lower = io.vakt.core.path.NodePaths.encode("landskrona.SYSTEMAIR.file");
        assertThat(write(OPERATOR, lower, "Cwl", K_SETPOINT, "20").ok()).isTrue();
    }

    @Test
    void indexOutOfRangeIsAnInvalidPath() {
        assertThat(fault(write(ADMIN, systemAir, "Cwl", SYSTEM_AIR.advised().size(), "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(fault(write(ADMIN, systemAir, "Cwl", -1, "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void wrongContentRootIsAnInvalidPath() {
        assertThat(fault(write(ADMIN, systemAir, "Cwv", K_SETPOINT, "20"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(fault(write(ADMIN, overview, "Cwl", 1, "1"))).isEqualTo(Fault.INVALID_PATH);
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void aWordToAnIntegerIsAnInvalidValue() {
        VaktException reason = refusal(write(SERVICE, K_RUNMODE, "five"));
        assertThat(reason.fault()).isEqualTo(Fault.INVALID_VALUE);
        assertThat(reason).hasMessage("\"five\" is not an integer");
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void aValueOutsideTheRangeIsRefused() {
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "30"));
        assertThat(reason.fault()).isEqualTo(Fault.OUT_OF_RANGE);
        assertThat(reason).hasMessage("30 is outside [14, 26]");
        assertThat(driver.calls()).isEmpty();
    }

    @Test
    void anElementWhoseVariableNoControllerHasIsNotBound() {
        assertThat(fault(write(ADMIN, K_GHOST, "1"))).isEqualTo(Fault.NOT_BOUND);
    }

    // --- refusals by the driver -----------------------------------------------------------------------------

    @Test
    void driverRefusalIsReturnedWithTheDriversReason() {
        driver.onWrite((point, value) -> CompletableFuture.failedFuture(Fault.WRITE_FAILED.exception("register is read-only")));
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(reason).hasMessage("register is read-only");
        assertThat(driver.calls("read")).as("no read-back after a refusal").hasSize(1);
    }

    @Test
    void driverFailureOfAnotherKindIsAWriteFailure() {
        driver.onWrite((point, value) -> CompletableFuture.failedFuture(new IOException("connection reset")));
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(reason.getMessage()).contains("connection reset");
    }

    @Test
    void driverThatNeverCompletesIsAWriteFailureAfterTheDriverTimeout() {
        driver.onWrite((point, value) -> new CompletableFuture<>());
        long started = System.nanoTime();
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(reason.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(reason).hasMessage("controller did not answer the write within 300 ms");
        assertThat(tookMillis).isGreaterThanOrEqualTo(300);
        assertThat(audit.only().outcome()).isEqualTo(reason.getMessage());
    }

    @Test
    void theTimeoutDoesNotCompleteTheDriversOwnFuture() {
        CompletableFuture<Void> shared = new CompletableFuture<>();
        driver.onWrite((point, value) -> shared);
        assertThat(fault(write(OPERATOR, K_SETPOINT, "20"))).isEqualTo(Fault.WRITE_FAILED);
        assertThat(shared).as("the driver may still complete it for others").isNotDone();
    }

    @Test
    void readBackThatNeverMatchesIsRefusedAfterTheConfiguredReads() {
        driver.set(GT11_SP, 18.0);
        driver.onWrite((point, value) -> CompletableFuture.completedFuture(null));
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.READ_BACK_MISMATCH);
        assertThat(reason).hasMessage("wrote 20 to AHU1.GT11_SP but read back 18 3 times");
        List<String> calls = driver.calls();
        assertThat(calls.subList(calls.indexOf("write GT11_SP=20.0") + 1, calls.size()))
                .containsExactly("read GT11_SP", "read GT11_SP", "read GT11_SP");
    }

    @Test
    void readBackOfAnUnreachablePointIsNotAConfirmation() {
        driver.onRead(point -> CompletableFuture.completedFuture(Sample.unreachable(NOW)));
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.READ_BACK_MISMATCH);
        assertThat(reason.getMessage()).endsWith("but read back UNREACHABLE 3 times");
    }

    @Test
    void aDriverThatThrowsInsteadOfFailingItsStageIsStillAnsweredAndAudited() {
        driver.onRead(point -> { throw new IllegalStateException("bus fault"); });
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(reason.getMessage()).contains("bus fault");
        assertThat(audit.only().outcome()).isEqualTo(reason.getMessage());
    }

    @Test
    void aReadBackThatThrowsOnALaterAttemptStillEndsTheWrite() {
        AtomicInteger reads = new AtomicInteger();
        driver.onWrite((point, value) -> CompletableFuture.completedFuture(null));
        driver.onRead(point -> {
            if (reads.incrementAndGet() >= 3) throw new IllegalStateException("bus fault");
            return CompletableFuture.completedFuture(Sample.good(18.0, NOW));
        });
        VaktException reason = refusal(write(OPERATOR, K_SETPOINT, "20"));
        assertThat(reason.fault()).isEqualTo(Fault.WRITE_FAILED);
        assertThat(audit.entries()).hasSize(1);
    }

    // --- audit ----------------------------------------------------------------------------------------------

    @Test
    void everyRefusedAttemptIsAuditedWithTheReasonAsOutcome() {
        VaktException notWritable = refusal(write(ADMIN, K_SECOND, "5"));
        VaktException tooLow = refusal(write(GUEST, K_SETPOINT, "20"));
        VaktException badPath = refusal(write(GUEST, "bm9wZS5GaWxl", "Cwl", 0, "1"));
        List<AuditEntry> entries = audit.entries();
        assertThat(entries).containsExactly(
                new AuditEntry(NOW, "admin", CLIENT, systemAir, "Cwl.Advise.A[0]", "AHU1.QSystem.Sec", "", "5",
                        notWritable.getMessage()),
                new AuditEntry(NOW, "guest", CLIENT, systemAir, "Cwl.Advise.A[1]", "AHU1.GT11_SP", "", "20",
                        tooLow.getMessage()),
                new AuditEntry(NOW, "guest", CLIENT, "bm9wZS5GaWxl", "", "", "", "1", badPath.getMessage()));
        assertThat(entries).noneMatch(AuditEntry::succeeded);
        assertThat(audit.recent(2)).extracting(AuditEntry::username).containsExactly("guest", "guest");
    }

    @Test
    void countersTellAcceptedFromRefused() {
        WriteService service = service(Runnable::run);
        service.write(new WriteRequest(OPERATOR, CLIENT, systemAir, "Cwl", K_SETPOINT, "20")).toCompletableFuture().join();
        service.write(new WriteRequest(OPERATOR, CLIENT, systemAir, "Cwl", K_SECOND, "20")).toCompletableFuture().join();
        service.write(new WriteRequest(OPERATOR, CLIENT, systemAir, "Cwl", K_SETPOINT, "99")).toCompletableFuture().join();
        assertThat(service.acceptedCount()).isEqualTo(1);
        assertThat(service.refusedCount()).isEqualTo(2);
    }

    @Test
    void theAnswerCompletesOnlyAfterTheAuditRecordWasWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger recorded = new AtomicInteger();
        AuditLog slow = new AuditLog() {
            @Override
            public void record(AuditEntry entry) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                recorded.incrementAndGet();
            }

            @Override
            public List<AuditEntry> recent(int limit) { return List.of(); }
        };
        ExecutorService blocking = Executors.newSingleThreadExecutor();
        try {
            WriteService service = new WriteService(project, new AccessPolicy(project), resolver, hub, slow, blocking,
                    scheduler, clock, config);
            CompletableFuture<WriteResult> written = service.write(
                    new WriteRequest(OPERATOR, CLIENT, systemAir, "Cwl", K_SETPOINT, "20")).toCompletableFuture();
            CompletableFuture<WriteResult> refused = service.write(
                    new WriteRequest(OPERATOR, CLIENT, systemAir, "Cwl", K_SECOND, "20")).toCompletableFuture();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> !written.isDone() && !refused.isDone());
            assertThat(driver.writes()).as("the controller already has the value").hasSize(1);
            release.countDown();
            assertThat(written.get(5, TimeUnit.SECONDS).ok()).isTrue();
            assertThat(refused.get(5, TimeUnit.SECONDS).ok()).isFalse();
            assertThat(recorded.get()).isEqualTo(2);
        } finally {
            blocking.shutdownNow();
        }
    }

    @Test
    void aFailingAuditLogDoesNotLoseTheAnswer() {
        AuditLog broken = new AuditLog() {
            @Override public void record(AuditEntry entry) { throw new IllegalStateException("disk full"); }
            @Override public List<AuditEntry> recent(int limit) { return List.of(); }
        };
        WriteService service = new WriteService(project, new AccessPolicy(project), resolver, hub, broken, Runnable::run,
                scheduler, clock, config);
        WriteResult result = service.write(new WriteRequest(OPERATOR, CLIENT, systemAir, "Cwl", K_SETPOINT, "20"))
                .toCompletableFuture().join();
        assertThat(result.ok()).isTrue();
    }
}
