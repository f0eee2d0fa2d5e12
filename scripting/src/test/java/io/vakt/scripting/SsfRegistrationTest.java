package io.vakt.scripting;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.path.NodePaths;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.vakt.scripting.SsfFixture.await;
import static io.vakt.scripting.SsfFixture.failure;
import static io.vakt.scripting.SsfFixture.vaktFailure;
import static org.assertj.core.api.Assertions.assertThat;

/** Registering code blocks (spec §8.1): the export convention, error messages, versions. */
class SsfRegistrationTest {
    private static final SsfFixture ssf = new SsfFixture();

    @BeforeAll
    static void start() { ssf.start(); }

    @AfterAll
    static void stop() { ssf.close(); }

    private static VaktException invalid(String path, String code) {
        VaktException e = vaktFailure(ssf.runtime.register(path, code, new SsfOrigin.ProjectFile("areas/Landskrona/area.ssf.js")));
        assertThat(e.fault()).isEqualTo(Fault.INVALID_CODE);
        return e;
    }

    @Test
    void exportsTheReturnedFunctionsInOrder() {
        String path = SsfFixture.newPath();
        SsfRegistration registration = ssf.register(path, """
                const rate = 2;
                function add(kwargs) { return kwargs.a + kwargs.b; }
                async function twice(kwargs) { return kwargs.x * rate; }
                return { twice, add, note: "not a function" };
                """);
        assertThat(registration.functions()).containsExactly("twice", "add");
        assertThat(registration.path()).isEqualTo(path);
        assertThat(registration.encodedPath()).isEqualTo(NodePaths.encode(path));
        assertThat(registration.version()).isEqualTo(1);
        assertThat(registration.origin()).isEqualTo(new SsfOrigin.ProjectFile("areas/Test/" + path + ".ssf.js"));
        assertThat(ssf.runtime.registration(path)).contains(registration);
        assertThat(ssf.value(path, "add", Map.of("a", 2, "b", 3))).isEqualTo(5);
        assertThat(ssf.value(path, "twice", Map.of("x", 21))).isEqualTo(42);
    }

    @Test
    void syntaxErrorNamesTheSourceAndTheFilesOwnLine() {
        VaktException e = invalid(SsfFixture.newPath(), "function a() {\n  return 1;\n}\nlet x = {{;\nreturn { a };");
        assertThat(e.getMessage()).startsWith("areas/Landskrona/area.ssf.js line 4: SyntaxError: ")
                .doesNotContain("\n").doesNotContainIgnoringCase("java");
    }

    @Test
    void syntaxErrorOnTheFirstLineIsLineOne() {
        VaktException e = invalid(SsfFixture.newPath(), "return { a: function( };");
        assertThat(e.getMessage()).startsWith("areas/Landskrona/area.ssf.js line 1: SyntaxError: ");
    }

    @Test
    void topLevelErrorNamesItsLine() {
        VaktException e = invalid(SsfFixture.newPath(), "const a = 1;\nnoSuchThing();\nreturn { f() {} };");
        assertThat(e.getMessage()).isEqualTo("areas/Landskrona/area.ssf.js line 2: ReferenceError: noSuchThing is not defined");
    }

    @Test
    void blockThatReturnsNothingIsRefused() {
        VaktException e = invalid(SsfFixture.newPath(), "function add(k) { return 1; }");
        assertThat(e.getMessage()).isEqualTo("areas/Landskrona/area.ssf.js must end with `return { fnA, fnB }`: it returned undefined");
    }

    @Test
    void blockThatReturnsNoFunctionsIsRefused() {
        assertThat(invalid(SsfFixture.newPath(), "return { a: 1 };").getMessage()).endsWith("it returned an object without functions");
        assertThat(invalid(SsfFixture.newPath(), "return 42;").getMessage()).endsWith("it returned a number, not an object of functions");
        assertThat(invalid(SsfFixture.newPath(), "return function f() {};").getMessage()).endsWith("it returned a function, not an object of functions");
    }

    @Test
    void emptyAndBlankCodeAreRefusedWithoutRunningAnything() {
        assertThat(invalid(SsfFixture.newPath(), "").getMessage()).isEqualTo("areas/Landskrona/area.ssf.js: empty code");
        assertThat(invalid(SsfFixture.newPath(), "  \n\t ").getMessage()).contains("empty code");
        assertThat(invalid(SsfFixture.newPath(), null).getMessage()).contains("empty code");
    }

    @Test
    void codeOverTheSizeLimitIsRefused() {
        String big = "// " + "x".repeat(70 * 1024) + "\nreturn { f() {} };";
        assertThat(invalid(SsfFixture.newPath(), big).getMessage()).isEqualTo("areas/Landskrona/area.ssf.js: the code is 70.0 KiB, larger than the limit of 64 KiB (ssf.maxCodeSize)");
    }

    @Test
    void trailingLineCommentDoesNotBreakTheWrapper() {
        String path = ssf.code("function f() { return 'ok'; }\nreturn { f }; // the exports");
        assertThat(ssf.value(path, "f")).isEqualTo("ok");
    }

    @Test
    void reRegisteringReplacesAndBumpsTheVersion() {
        String path = ssf.code("function f() { return 1; }\nreturn { f };");
        assertThat(ssf.value(path, "f")).isEqualTo(1);
        SsfRegistration second = ssf.register(path, "function f() { return 2; }\nfunction g() { return 3; }\nreturn { f, g };");
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.functions()).containsExactly("f", "g");
        // every context, including ones that cached version 1, now runs version 2
        for (int i = 0; i < 6; i++) assertThat(ssf.value(path, "f")).isEqualTo(2);
        assertThat(ssf.value(path, "g")).isEqualTo(3);
    }

    @Test
    void failedReRegistrationKeepsThePreviousVersionServing() {
        String path = ssf.code("function f() { return 'v1'; }\nreturn { f };");
        invalid(path, "function f() { return 'v2' \nreturn { f ;");
        invalid(path, "throw new Error('boom');");
        assertThat(ssf.runtime.registration(path).orElseThrow().version()).isEqualTo(1);
        assertThat(ssf.value(path, "f")).isEqualTo("v1");
    }

    @Test
    void registrationsOfOnePathApplyInTheOrderAsked() {
        String path = SsfFixture.newPath();
        List<java.util.concurrent.CompletionStage<SsfRegistration>> stages = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            stages.add(ssf.runtime.register(path, "function f() { return " + i + "; }\nreturn { f };",
                    new SsfOrigin.Registered("svc", Instant.now())));
        }
        stages.forEach(SsfFixture::await);
        assertThat(ssf.runtime.registration(path).orElseThrow().version()).isEqualTo(5);
        assertThat(ssf.value(path, "f")).isEqualTo(5);
    }

    @Test
    void unknownPathAndUnknownMethodAreNoSuchFunction() {
        VaktException noPath = vaktFailure(ssf.call("Nowhere.View.File", "f", Map.of()));
        assertThat(noPath.fault()).isEqualTo(Fault.NO_SUCH_FUNCTION);
        assertThat(noPath.getMessage()).isEqualTo("no ServerSideFunction code is registered for Nowhere.View.File");

        String path = ssf.code("function a() {}\nfunction b() {}\nreturn { a, b };");
        VaktException noMethod = vaktFailure(ssf.call(path, "c", Map.of()));
        assertThat(noMethod.fault()).isEqualTo(Fault.NO_SUCH_FUNCTION);
        assertThat(noMethod.getMessage()).isEqualTo(path + " exports no function 'c' (it exports a, b)");
    }

    @Test
    void unregisterStopsServing() {
        String path = ssf.code("function f() { return 1; }\nreturn { f };");
        assertThat(ssf.runtime.unregister(path)).isPresent();
        assertThat(ssf.runtime.registration(path)).isEmpty();
        assertThat(ssf.runtime.registrations()).noneMatch(r -> r.path().equals(path));
        assertThat(vaktFailure(ssf.call(path, "f", Map.of())).fault()).isEqualTo(Fault.NO_SUCH_FUNCTION);
        assertThat(ssf.runtime.unregister(path)).isEmpty();
        // registering again continues the version count
        assertThat(ssf.register(path, "function f() { return 2; }\nreturn { f };").version()).isEqualTo(2);
        assertThat(ssf.value(path, "f")).isEqualTo(2);
    }

    @Test
    void registrationsAreOrderedByPath() {
        List<String> paths = ssf.runtime.registrations().stream().map(SsfRegistration::path).toList();
        assertThat(paths).isSorted();
    }

    @Test
    void listenersHearOfEachNewPathOnce() {
        List<String> heard = new ArrayList<>();
        ssf.runtime.onNewPath(stats -> heard.add(stats.path()));
        int before = heard.size();
        String path = ssf.code("function f() {}\nreturn { f };");
        ssf.register(path, "function f() { return 1; }\nreturn { f };");
        assertThat(heard.subList(before, heard.size())).containsExactly(path);
        assertThat(ssf.runtime.pathStats()).anyMatch(s -> s.path().equals(path));
    }

    @Test
    void failedRegistrationIsNotANewPath() {
        String path = SsfFixture.newPath();
        invalid(path, "return 1;");
        assertThat(ssf.runtime.pathStats()).noneMatch(s -> s.path().equals(path));
        assertThat(failure(ssf.call(path, "f", Map.of()))).isInstanceOf(VaktException.class);
    }

    @Test
    void moduleVariablesLiveInTheContext() {
        String path = ssf.code("let count = 0;\nfunction next() { return ++count; }\nreturn { next };");
        // one context may run several calls in a row: its module state carries on there
        Object first = ssf.value(path, "next");
        assertThat(first).isInstanceOf(Integer.class);
        assertThat(await(ssf.call(path, "next", Map.of())).value()).isInstanceOf(Integer.class);
    }
}
