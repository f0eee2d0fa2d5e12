package io.vakt.server.cli;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.StoreOptions;
import io.vakt.store.UserRecord;
import io.vakt.store.VaktStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class UserCommandTest {
    @TempDir
    Path work;

    // --- add

    @Test
    void addCreatesAnOperatorWithThePasswordFromStdin() {
        CliRun run = user("s3cret-pw\n", "add", "alice", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Created user alice with level Operator.\n");
        assertThat(authenticate("alice", "s3cret-pw")).map(UserRecord::level).contains(AccessLevel.Operator);
    }

    @Test
    void addTakesTheLevelInAnyLetterCase() {
        CliRun run = user("pw\n", "add", "svc", "--level", "service", "--password-stdin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(find("svc")).map(UserRecord::level).contains(AccessLevel.Service);
    }

    @Test
    void passwordFromStdinEndsAtTheFirstLineBreakWithoutCarriageReturn() {
        user("first line\r\nsecond line\n", "add", "alice", "--password-stdin");
        assertThat(authenticate("alice", "first line")).isPresent();
    }

    @Test
    void addRefusesAnUnknownLevelListingTheValidOnes() {
        CliRun run = user("pw\n", "add", "alice", "--level", "Gust", "--password-stdin");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown access level \"Gust\" (did you mean \"Guest\"?);"
                + " valid levels: None, Guest, Operator, Service, Admin");
    }

    @Test
    void addRefusesAnEmptyPassword() {
        CliRun run = user("\n", "add", "alice", "--password-stdin");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("the password on standard input is empty\n");
        assertThat(find("alice")).isEmpty();
    }

    @Test
    void addRefusesANameThatIsTaken() {
        user("pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("other\n", "add", "ALICE", "--password-stdin");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("user 'alice' already exists\n");
    }

    @Test
    void addRefusesAnInvalidName() {
        CliRun run = user("pw\n", "add", "no spaces", "--password-stdin");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("invalid username 'no spaces'");
    }

    @Test
    void addWithoutTerminalGeneratesAndPrintsAPassword() {
        CliRun run = user("", "add", "bob");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Matcher generated = Pattern.compile("Generated password for bob: (\\S{20})\n").matcher(run.out());
        assertThat(generated.find()).as(run.out()).isTrue();
        assertThat(run.out()).contains("shown only this once");
        assertThat(authenticate("bob", generated.group(1))).isPresent();
    }

    // --- passwd

    @Test
    void passwdReplacesThePassword() {
        user("old-pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("new-pw\n", "passwd", "alice", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Changed the password of alice; the user's sessions have ended.\n");
        assertThat(authenticate("alice", "new-pw")).isPresent();
        assertThat(authenticate("alice", "old-pw")).isEmpty();
    }

    @Test
    void passwdRefusesAnUnknownUserNamingTheLikelyOne() {
        user("pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("pw\n", "passwd", "alcie", "--password-stdin");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("user 'alcie' does not exist (did you mean \"alice\"?)\n");
    }

    @Test
    void passwdRefusesAnEmptyPassword() {
        user("pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("", "passwd", "alice", "--password-stdin");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("the password on standard input is empty\n");
        assertThat(authenticate("alice", "pw")).isPresent();
    }

    // --- level, disable, enable, remove

    @Test
    void levelChangesTheAccessLevel() {
        user("pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("", "level", "alice", "admin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("alice now has level Admin (was Operator).\n");
        assertThat(find("alice")).map(UserRecord::level).contains(AccessLevel.Admin);
    }

    @Test
    void levelRefusesAnUnknownLevel() {
        user("pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("", "level", "alice", "root");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown access level \"root\"; valid levels: None, Guest, Operator, Service, Admin");
    }

    @Test
    void levelRefusesAnUnknownUser() {
        CliRun run = user("", "level", "ghost", "Admin");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("user 'ghost' does not exist\n");
    }

    @Test
    void disableStopsLoginAndEnableAllowsItAgain() {
        user("pw\n", "add", "alice", "--password-stdin");

        CliRun disable = user("", "disable", "alice");
        assertThat(disable.out()).isEqualTo("Disabled alice; the user's sessions have ended.\n");
        assertThat(authenticate("alice", "pw")).isEmpty();

        CliRun enable = user("", "enable", "Alice");
        assertThat(enable.out()).isEqualTo("Enabled alice.\n");
        assertThat(authenticate("alice", "pw")).isPresent();
    }

    @Test
    void disableRefusesAnUnknownUser() {
        assertThat(user("", "disable", "ghost").err()).isEqualTo("user 'ghost' does not exist\n");
        assertThat(user("", "enable", "ghost").exitCode()).isEqualTo(1);
    }

    @Test
    void removeDeletesTheUser() {
        user("pw\n", "add", "alice", "--password-stdin");
        CliRun run = user("", "remove", "alice");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("Removed alice.\n");
        assertThat(find("alice")).isEmpty();
    }

    @Test
    void removeRefusesAnUnknownUser() {
        CliRun run = user("", "remove", "ghost");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("user 'ghost' does not exist\n");
    }

    // --- list

    @Test
    void listShowsNameLevelCreatedAndDisabled() {
        user("pw\n", "add", "bob", "--level", "Admin", "--password-stdin");
        user("pw\n", "add", "alice", "--password-stdin");
        user("", "disable", "bob");

        CliRun run = user("", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("NAME +LEVEL +CREATED +DISABLED");
        assertThat(lines.get(1)).matches("alice +Operator +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} +no");
        assertThat(lines.get(2)).matches("bob +Admin +\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} +yes");
        // columns line up
        assertThat(lines.get(1).indexOf("Operator")).isEqualTo(lines.get(0).indexOf("LEVEL"));
    }

    @Test
    void listOfAnEmptyStoreSaysSo() {
        assertThat(user("", "list").out()).startsWith("No users yet.");
    }

    // --- where the store is

    @Test
    void dataFolderComesFromTheEnvironmentWhenNoFlagNamesIt() {
        CliRun run = CliRun.run(work, Map.of("VAKT_DATA", "from-env"), "pw\n", "user", "add", "alice", "--password-stdin");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.exists(work.resolve("from-env").resolve(VaktStore.DATABASE_FILE))).isTrue();
    }

    @Test
    void dataFolderComesFromTheConfigFileRelativeToIt() throws IOException {
        Path site = Files.createDirectories(work.resolve("site"));
        Files.writeString(site.resolve("vakt.yaml"), "data: store\n");
        CliRun run = CliRun.run(work, Map.of(), "pw\n", "user", "add", "alice", "--password-stdin",
                "--config", "site/vakt.yaml");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(Files.exists(site.resolve("store").resolve(VaktStore.DATABASE_FILE))).isTrue();
    }

    @Test
    void refusesAConfigurationProblemWithOneLineAndExitCode1() {
        CliRun run = CliRun.run(work, Map.of(), "", "user", "list", "--config", "missing.yaml");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("option --config: config file " + work.resolve("missing.yaml") + " does not exist\n");
    }

    @Test
    void worksWhileAServerHoldsTheSameStoreOpen() {
        try (VaktStore server = VaktStore.open(work.resolve("data"), StoreOptions.defaults())) {
            CliRun run = user("pw\n", "add", "alice", "--password-stdin");
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(server.users().find("alice")).isPresent();
        }
    }

    // --- helpers

    private CliRun user(String stdin, String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "user";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data";
        full[args.length + 2] = work.resolve("data").toString();
        return CliRun.run(work, Map.of(), stdin, full);
    }

    private Optional<UserRecord> find(String name) {
        try (VaktStore store = VaktStore.open(work.resolve("data"), StoreOptions.defaults())) {
            return store.users().find(name);
        }
    }

    private Optional<UserRecord> authenticate(String name, String password) {
        try (VaktStore store = VaktStore.open(work.resolve("data"), StoreOptions.defaults())) {
            return store.users().authenticate(name, password.toCharArray());
        }
    }
}
