package io.vakt.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VaktCommandTest {
    @TempDir
    Path work;

    @Test
    void versionPrintsVaktAndJava() {
        CliRun run = run("version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Vakt development\n" + "Java " + Runtime.version() + " ("
                + System.getProperty("java.vendor") + ")\n");
        assertThat(run("--version").out()).isEqualTo(run.out());
    }

    @Test
    void topLevelHelpListsTheCommandsAndHowToStart() {
        CliRun run = run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: vakt", "serve", "user", "version", "./vakt serve", "./vakt test",
                "--verbose");
    }

    @Test
    void everyCommandHasHelpWithADescription() {
        for (List<String> path : commandPaths(VaktCommand.commandLine(context()), new ArrayList<>())) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun run = run(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(run.out()).as(String.join(" ", args)).startsWith("Usage: vakt");
            CommandLine command = commandAt(path);
            assertThat(command.getCommandSpec().usageMessage().description()).as(String.join(" ", path)).isNotEmpty();
        }
    }

    @Test
    void userHelpListsItsSubcommands() {
        assertThat(run("user", "--help").out()).contains("add", "passwd", "level", "disable", "enable", "remove", "list");
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun run = run();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing a command (serve, doctor, scan, cert, user, service-key, version)", "Usage: vakt");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun run = run("serve", "--prot", "80");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown options: '--prot', '80'", "Possible solutions: --project");
    }

    @Test
    void configurationErrorsPrintOneLineEachWithoutStackTrace() {
        CliRun run = CliRun.run(work, Map.of("VAKT_PORT", "abc", "VAKT_LOGIN_WINDOW", "soon"), "", "serve");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("""
                environment VAKT_PORT: "abc" is not a port number
                environment VAKT_LOGIN_WINDOW: "soon" is not a duration (use 500ms, 25s, 10m, 2h, 60d)
                """);
    }

    @Test
    void verbosePrintsTheStackTraceToo() {
        CliRun run = run("serve", "--port", "abc", "--verbose");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("option --port: \"abc\" is not a port number\n")
                .contains("io.vakt.server.config.ConfigException", "\tat ");
    }

    @Test
    void expectedFailuresBecomeTheirMessages() {
        assertThat(ErrorReporter.problems(new IllegalStateException("port 8080 is in use")))
                .containsExactly("port 8080 is in use");
        assertThat(ErrorReporter.problems(new io.vakt.store.StoreException("cannot open store")))
                .containsExactly("cannot open store");
        assertThat(ErrorReporter.problems(new NullPointerException())).isEmpty();
    }

    private CliRun run(String... args) {
        return CliRun.run(work, Map.of(), "", args);
    }

    private CliContext context() {
        return new CliContext(Map.of(), work, System.in, null);
    }

    private CommandLine commandAt(List<String> path) {
        CommandLine command = VaktCommand.commandLine(context());
        for (String name : path) command = command.getSubcommands().get(name);
        return command;
    }

    /** The path of every command in the tree, the top one included as the empty path. */
    private static List<List<String>> commandPaths(CommandLine command, List<String> prefix) {
        List<List<String>> paths = new ArrayList<>();
        paths.add(List.copyOf(prefix));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> path = new ArrayList<>(prefix);
            path.add(name);
            paths.addAll(commandPaths(sub, path));
        });
        return paths;
    }
}
