package io.vakt.scripting.state;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.vakt.scripting.state.Demo.OVERVIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** State semantics (spec §8.3, §8.4, §15 item 8, §16 item 67). */
class SsfStateTest {
    private static final String DEFAULT_FILE = "/Arrigo/state/Landskrona.Ventilation.Overview.File.json";

    private final InMemoryStateFiles files = new InMemoryStateFiles();
    private final SsfState state = new SsfState(Demo.PROJECT, files);

    @Test
    void setThenGetOfAKeyReturnsTheValue() {
        assertThat(state.set(OVERVIEW, 21.5, "setpoint", null)).isEqualTo(Map.of("ok", true));
        assertThat(state.get(OVERVIEW, "setpoint", null)).isEqualTo(21.5);
        assertThat(files.files).containsOnlyKeys(DEFAULT_FILE);
        assertThat(files.files.get(DEFAULT_FILE)).isEqualTo("{\"setpoint\":21.5}");
    }

    @Test
    void keysShareTheFileAndKeepEachOther() {
        state.set(OVERVIEW, 1, "a", null);
        state.set(OVERVIEW, Map.of("x", List.of(1, 2)), "b", null);
        state.set(OVERVIEW, 3, "a", null);
        assertThat(state.get(OVERVIEW, null, null)).isEqualTo(Map.of("a", 3, "b", Map.of("x", List.of(1, 2))));
    }

    @Test
    void withoutKeyTheWholeFileIsStoredAndRead() {
        state.set(OVERVIEW, List.of("a", "b"), null, "list.json");
        assertThat(state.get(OVERVIEW, null, "list.json")).isEqualTo(List.of("a", "b"));
        assertThat(files.files.get("/Arrigo/state/list.json")).isEqualTo("[\"a\",\"b\"]");
        state.set(OVERVIEW, "plain text", null, "note.txt");
        assertThat(state.get(OVERVIEW, null, "note.txt")).as("a string reads back as the same string").isEqualTo("plain text");
    }

    @Test
    void aFileThatIsNotJsonReadsAsItsText() {
        files.files.put("/Shared/legacy.txt", "not { json");
        assertThat(state.get(OVERVIEW, null, "Shared:legacy.txt")).isEqualTo("not { json");
    }

    @Test
    void nullWithAKeyDeletesTheKeyAndKeepsTheFile() {
        state.set(OVERVIEW, 1, "a", null);
        state.set(OVERVIEW, 2, "b", null);
        state.set(OVERVIEW, null, "a", null);
        assertThat(state.get(OVERVIEW, null, null)).isEqualTo(Map.of("b", 2));
        state.set(OVERVIEW, null, "b", null);
        assertThat(files.files.get(DEFAULT_FILE)).as("the emptied file stays, holding {}").isEqualTo("{}");
        assertNotFound(() -> state.get(OVERVIEW, "b", null), "no key \"b\" in " + DEFAULT_FILE);
    }

    @Test
    void nullWithoutKeyDeletesTheFile() {
        state.set(OVERVIEW, 1, "a", null);
        state.set(OVERVIEW, null, null, null);
        assertThat(files.files).isEmpty();
        assertNotFound(() -> state.get(OVERVIEW, null, null), "no state file " + DEFAULT_FILE);
    }

    @Test
    void deletingWhatDoesNotExistChangesNothing() {
        assertThat(state.set(OVERVIEW, null, "a", null)).isEqualTo(SsfState.OK);
        assertThat(state.set(OVERVIEW, null, null, "gone.json")).isEqualTo(SsfState.OK);
        assertThat(files.files).as("deleting a key does not create the file").isEmpty();
    }

    @Test
    void falsyValuesAreStoredNotDeleted() {
        state.set(OVERVIEW, 0, "zero", null);
        state.set(OVERVIEW, "", "empty", null);
        state.set(OVERVIEW, false, "no", null);
        assertThat(state.get(OVERVIEW, "zero", null)).isEqualTo(0);
        assertThat(state.get(OVERVIEW, "empty", null)).isEqualTo("");
        assertThat(state.get(OVERVIEW, "no", null)).isEqualTo(false);
        state.set(OVERVIEW, 0, null, "whole.json");
        assertThat(state.get(OVERVIEW, null, "whole.json")).isEqualTo(0);
    }

    @Test
    void aMissingFileOrKeyIsNotFoundState() {
        assertNotFound(() -> state.get(OVERVIEW, "k", null), "no state file " + DEFAULT_FILE);
        assertNotFound(() -> state.get(OVERVIEW, null, "x.json"), "no state file /Arrigo/state/x.json");
        state.set(OVERVIEW, 1, "a", null);
        assertNotFound(() -> state.get(OVERVIEW, "k", null), "no key \"k\" in " + DEFAULT_FILE);
    }

    @Test
    void aKeyedValueNeedsAFileHoldingAnObject() {
        state.set(OVERVIEW, List.of(1), null, null);
        assertInvalid(() -> state.get(OVERVIEW, "k", null), "holds an array, not a JSON object");
        assertInvalid(() -> state.set(OVERVIEW, 1, "k", null), "holds an array, not a JSON object");
        assertThat(state.get(OVERVIEW, null, null)).as("not overwritten").isEqualTo(List.of(1));
    }

    @Test
    void keysMayNotBeEmpty() {
        assertInvalid(() -> state.set(OVERVIEW, 1, "", null), "key may not be empty");
        assertInvalid(() -> state.get(OVERVIEW, "", null), "key may not be empty");
    }

    @Test
    void onlyJsonValuesAreStored() {
        assertInvalid(() -> state.set(OVERVIEW, Double.NaN, "k", null), "NaN or Infinity");
        assertInvalid(() -> state.set(OVERVIEW, List.of(Double.POSITIVE_INFINITY), null, null), "NaN or Infinity");
        assertInvalid(() -> state.set(OVERVIEW, new Object(), "k", null), "JSON cannot store");
        assertInvalid(() -> state.set(OVERVIEW, Map.of(1, "x"), "k", null), "not a string");
        assertThat(files.files).isEmpty();
    }

    @Test
    void virtualPathsAreUsedForStorage() {
        state.set(OVERVIEW, 1, "k", "Shared:/counters.json");
        state.set(OVERVIEW, 2, "k", "Area:counters.json");
        state.set(OVERVIEW, 3, "k", "Proj:top.json");
        state.set(OVERVIEW, 4, "k", "EXOscada:exo.json");
        state.set(OVERVIEW, 5, "k", "mine.json");
        assertThat(files.files).containsOnlyKeys("/Shared/counters.json", "/Landskrona/Ventilation/counters.json",
                "/top.json", "/EXOscada/exo.json", "/Arrigo/state/mine.json");
        assertThat(state.get(Demo.LANDSKRONA, "k", "Shared:counters.json")).as("Shared: is shared between paths").isEqualTo(1);
        assertThat(state.get(Demo.VENTILATION, "k", "Area:counters.json")).as("the view's folder").isEqualTo(2);
    }

    @Test
    void updateIsAtomicSoConcurrentIncrementsAreExact() throws Exception {
        int threads = 8;
        int perThread = 500;
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                state.update(OVERVIEW, "count", null, old -> old == null ? 1 : ((Number) old).intValue() + 1);
            }
        });
        assertThat(state.get(OVERVIEW, "count", null)).isEqualTo(threads * perThread);
    }

    @Test
    void concurrentSetsOfDifferentKeysInOneFileLoseNothing() throws Exception {
        int threads = 8;
        int perThread = 100;
        runConcurrently(threads, t -> {
            for (int i = 0; i < perThread; i++) state.set(OVERVIEW, i, "t" + t + "-" + i, "Shared:busy.json");
        });
        assertThat((Map<?, ?>) state.get(OVERVIEW, null, "Shared:busy.json")).hasSize(threads * perThread);
    }

    @Test
    void updateReturnsTheNewValueAndNullDeletes() {
        assertThat(state.update(OVERVIEW, "k", null, old -> "v")).isEqualTo("v");
        assertThat(state.update(OVERVIEW, "k", null, old -> null)).isNull();
        assertThat(state.get(OVERVIEW, null, null)).isEqualTo(Map.of());
    }

    private interface Work {
        void run(int thread);
    }

    private static void runConcurrently(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    work.run(thread);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) future.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertNotFound(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(VaktException.class, e -> {
            assertThat(e.fault()).isEqualTo(Fault.NOT_FOUND_STATE);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    private static void assertInvalid(Executable call, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(VaktException.class, e -> {
            assertThat(e.fault()).isEqualTo(Fault.INVALID_ARGUMENT);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
