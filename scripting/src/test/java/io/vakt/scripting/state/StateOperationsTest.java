package io.vakt.scripting.state;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.path.NodePaths;
import io.vakt.scripting.HostOperation;
import io.vakt.scripting.SsfCaller;
import io.vakt.scripting.SsfScope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.vakt.scripting.state.Demo.OVERVIEW;
import static org.assertj.core.api.Assertions.assertThat;

/** Both argument forms of state.get/state.set (spec §15 item 7), from scripts and from the bus service. */
class StateOperationsTest {
    private static final String DEFAULT_FILE = "/Arrigo/state/Landskrona.Ventilation.Overview.File.json";
    private static final SsfScope SCOPE = new SsfScope(OVERVIEW, NodePaths.encode(OVERVIEW),
            new SsfCaller("token", new Principal("visitor", AccessLevel.Guest), false));

    private final InMemoryStateFiles files = new InMemoryStateFiles();
    private final ExecutorService blocking = Executors.newSingleThreadExecutor(r -> new Thread(r, "state-blocking"));
    private final StateOperations operations = new StateOperations(new SsfState(Demo.PROJECT, files), blocking);
    private final Map<String, HostOperation> byName = operations.operations();

    @AfterEach
    void stop() { blocking.shutdownNow(); }

    private Object call(String name, Object... args) { return done(byName.get(name).run(SCOPE, list(args), value -> { })); }

    private VaktException refusal(String name, Object... args) {
        return failure(byName.get(name).run(SCOPE, list(args), value -> { }));
    }

    @Test
    void operationsAreNamedAsTheRuntimeExpects() {
        assertThat(byName).containsOnlyKeys("state.get", "state.set");
    }

    @Test
    void objectFormSetsAndGets() {
        assertThat(call("state.set", Map.of("data", 5, "key", "visits"))).isEqualTo(Map.of("ok", true));
        assertThat(call("state.get", Map.of("key", "visits"))).isEqualTo(5);
        assertThat(call("state.set", Map.of("data", Map.of("a", 1), "file", "Shared:x.json"))).isEqualTo(Map.of("ok", true));
        assertThat(call("state.get", Map.of("file", "Shared:x.json"))).isEqualTo(Map.of("a", 1));
        assertThat(call("state.get", Map.of())).isEqualTo(Map.of("visits", 5));
    }

    @Test
    void positionalFormSetsAndGets() {
        call("state.set", 7, "visits");
        call("state.set", "hello", "greeting", "Area:notes.json");
        assertThat(call("state.get", "visits")).isEqualTo(7);
        assertThat(call("state.get", "greeting", "Area:notes.json")).isEqualTo("hello");
        assertThat(files.files).containsOnlyKeys(DEFAULT_FILE, "/Landskrona/Ventilation/notes.json");
        assertThat(call("state.get")).isEqualTo(Map.of("visits", 7));
    }

    @Test
    void anObjectIsStoredAsAWholeFilePositionallyWithASecondArgument() {
        call("state.set", Map.of("a", 1), null);
        assertThat(call("state.get")).isEqualTo(Map.of("a", 1));
    }

    @Test
    void nullDeletesInBothForms() {
        call("state.set", Map.of("data", 1, "key", "a"));
        call("state.set", 2, "b");
        call("state.set", mapOf("data", null, "key", "a"));
        assertThat(call("state.get")).isEqualTo(Map.of("b", 2));
        call("state.set", null, "b");
        assertThat(call("state.get")).isEqualTo(Map.of());
        call("state.set", mapOf("data", null));
        assertThat(files.files).isEmpty();
    }

    @Test
    void falsyDataIsStored() {
        call("state.set", Map.of("data", 0, "key", "n"));
        call("state.set", Map.of("data", false, "key", "b"));
        call("state.set", Map.of("data", "", "key", "s"));
        assertThat(call("state.get")).isEqualTo(Map.of("n", 0, "b", false, "s", ""));
    }

    @Test
    void setWithoutDataIsRefused() {
        for (VaktException refusal : List.of(refusal("state.set", Map.of("key", "a")), refusal("state.set"))) {
            assertThat(refusal.fault()).isEqualTo(Fault.INVALID_ARGUMENT);
            assertThat(refusal.getMessage()).isEqualTo("state.set needs data (null deletes)");
        }
    }

    @Test
    void unknownOptionsAndWrongTypesAreRefused() {
        VaktException misspelt = refusal("state.get", Map.of("kye", "a"));
        assertThat(misspelt.fault()).isEqualTo(Fault.INVALID_ARGUMENT);
        assertThat(misspelt.getMessage()).contains("unknown option kye");
        assertThat(refusal("state.get", 5).getMessage()).isEqualTo("key must be a string");
        assertThat(refusal("state.set", 1, "k", List.of()).getMessage()).isEqualTo("file must be a string");
        assertThat(refusal("state.get", "a", "b", "c").getMessage()).contains("at most 2 positional arguments");
    }

    @Test
    void callmetaInTheObjectIsIgnored() {
        call("state.set", Map.of("data", 1, "key", "a", "callmeta", Map.of("token", "t")));
        assertThat(call("state.get", Map.of("key", "a", "callmeta", Map.of("token", "t")))).isEqualTo(1);
    }

    @Test
    void missingStateRejectsWithTheFaultItself() {
        VaktException missing = refusal("state.get", Map.of("key", "a"));
        assertThat(missing.fault()).isEqualTo(Fault.NOT_FOUND_STATE);
        assertThat(missing.getMessage()).isEqualTo("no state file " + DEFAULT_FILE);
        assertThat(refusal("state.get", Map.of("file", "Web:x")).getMessage()).isEqualTo("Web: paths are not state files: Web:x");
    }

    @Test
    void storeFailuresRejectWithoutTheirDetails() {
        files.failure.set(new IllegalStateException("disk on fire at /var/lib/vakt"));
        VaktException failed = refusal("state.get");
        assertThat(failed.fault()).isEqualTo(Fault.INTERNAL);
        assertThat(failed.getMessage()).as("store details stay in the server log").doesNotContain("disk");
    }

    @Test
    void storeAccessRunsOnTheBlockingExecutor() {
        String[] thread = new String[1];
        new StateOperations(new SsfState(Demo.PROJECT, new InMemoryStateFiles() {
            @Override
            public Optional<String> read(String file) {
                thread[0] = Thread.currentThread().getName();
                return super.read(file);
            }
        }), blocking).get(SCOPE, List.of(), value -> { }).toCompletableFuture().handle((v, f) -> null).join();
        assertThat(thread[0]).isEqualTo("state-blocking");
    }

    @Test
    void aShutDownExecutorRejectsInsteadOfThrowing() {
        blocking.shutdownNow();
        assertThat(refusal("state.get").fault()).isEqualTo(Fault.GOING_AWAY);
    }

    // --- the bus service accounts.<account>.services.state.get/set, path already split off --------------------

    @Test
    void busPositionalForm() {
        assertThat(done(operations.set(OVERVIEW, list(3, "visits"), Map.of("callmeta", Map.of("token", "t")))))
                .isEqualTo(Map.of("ok", true));
        assertThat(done(operations.get(OVERVIEW, list("visits"), Map.of()))).isEqualTo(3);
        done(operations.set(OVERVIEW, list("x", "k", "Shared:bus.json"), null));
        assertThat(done(operations.get(OVERVIEW, list("k", "Shared:bus.json"), null))).isEqualTo("x");
        assertThat(done(operations.get(OVERVIEW, list(), null))).isEqualTo(Map.of("visits", 3));
    }

    @Test
    void busKwargsForm() {
        done(operations.set(OVERVIEW, list(), Map.of("data", 4, "key", "visits", "callmeta", Map.of("token", "t"))));
        assertThat(done(operations.get(OVERVIEW, list(), Map.of("key", "visits")))).isEqualTo(4);
        done(operations.set(OVERVIEW, list(), Map.of("data", 5, "key", "k", "file", "Area:bus.json")));
        assertThat(done(operations.get(OVERVIEW, null, Map.of("key", "k", "file", "Area:bus.json")))).isEqualTo(5);
    }

    @Test
    void busKwargsFillPositionalSlotsThatAreNull() {
        done(operations.set(OVERVIEW, list(null, null), mapOf("data", 6, "key", "visits")));
        assertThat(done(operations.get(OVERVIEW, list(null, null), Map.of("key", "visits")))).isEqualTo(6);
    }

    @Test
    void busNullDataDeletesAndMissingDataIsRefused() {
        done(operations.set(OVERVIEW, list(1, "a"), null));
        done(operations.set(OVERVIEW, list(2, "b"), null));
        done(operations.set(OVERVIEW, list(null, "a"), null));
        done(operations.set(OVERVIEW, list(), mapOf("data", null, "key", "b")));
        assertThat(done(operations.get(OVERVIEW, list(), null))).isEqualTo(Map.of());
        VaktException missing = failure(operations.set(OVERVIEW, list(), Map.of("key", "a")));
        assertThat(missing.getMessage()).isEqualTo("state.set needs data (null deletes)");
    }

    @Test
    void busAndScriptShareTheRegistrationPathsFile() {
        done(operations.set("landskrona.ventilation.overview.file", list(9, "shared"), null));
        assertThat(call("state.get", Map.of("key", "shared"))).isEqualTo(9);
    }

    private static List<Object> list(Object... values) { return Arrays.asList(values); }

    private static Map<String, Object> mapOf(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) map.put((String) pairs[i], pairs[i + 1]);
        return map;
    }

    private static Object done(CompletionStage<Object> stage) {
        return stage.toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** The stage's own failure, unwrapped: the runtime must see the VaktException, not a CompletionException. */
    private static VaktException failure(CompletionStage<Object> stage) {
        Throwable failure = stage.toCompletableFuture().handle((value, error) -> error).orTimeout(10, TimeUnit.SECONDS).join();
        assertThat(failure).isInstanceOf(VaktException.class);
        return (VaktException) failure;
    }
}
