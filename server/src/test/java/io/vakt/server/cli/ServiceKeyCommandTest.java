package io.vakt.server.cli;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.ServiceKeys;
import io.vakt.store.StoreOptions;
import io.vakt.store.StoredServiceKey;
import io.vakt.store.VaktStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceKeyCommandTest {
    private static final Pattern KEY = Pattern.compile("vsk_[A-Za-z0-9_-]{43}");

    @TempDir
    Path work;

    @Test
    void addPrintsTheKeyOnceAsTheLastLineAndStoresOnlyItsHash() {
        CliRun run = serviceKey("add", "Reports");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.getFirst()).isEqualTo("Created the key of service reports with level Service. It is shown only this once.");
        assertThat(lines.getLast()).matches(KEY);
        assertThat(run.out()).contains("-k <key>");
        assertThat(stored("reports")).hasValueSatisfying(key -> {
            assertThat(key.keyHash()).isEqualTo(ServiceKeys.hash(lines.getLast()));
            assertThat(key.record().level()).isEqualTo(AccessLevel.Service);
            assertThat(key.record().enabled()).isTrue();
        });
    }

    @Test
    void addTakesALevel() {
        CliRun run = serviceKey("add", "charts", "--level", "operator");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(stored("charts")).map(key -> key.record().level()).contains(AccessLevel.Operator);
    }

    @Test
    void addRefusesATakenOrInvalidName() {
        serviceKey("add", "reports");
        CliRun again = serviceKey("add", "REPORTS");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("service 'reports' already has a key\n");

        CliRun invalid = serviceKey("add", "my.service");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.err()).contains("invalid service name 'my.service'", "only letters a-z, digits and '_', '-'");
    }

    @Test
    void rotateReplacesTheKey() {
        String first = key(serviceKey("add", "reports"));
        CliRun run = serviceKey("rotate", "reports");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("New key of service reports; a running server refuses the old one within seconds.");
        String second = key(run);
        assertThat(second).isNotEqualTo(first);
        assertThat(stored("reports")).map(StoredServiceKey::keyHash).contains(ServiceKeys.hash(second));
    }

    @Test
    void unknownServicesAreNamedWithTheLikelyOne() {
        serviceKey("add", "reports");
        CliRun run = serviceKey("rotate", "reprots");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("service 'reprots' has no key (did you mean \"reports\"?)\n");
        assertThat(serviceKey("remove", "nobody").err()).isEqualTo("service 'nobody' has no key\n");
    }

    @Test
    void disableEnableAndRemove() {
        serviceKey("add", "reports");

        assertThat(serviceKey("disable", "reports").out()).isEqualTo("Disabled the key of service reports.\n");
        assertThat(stored("reports")).map(key -> key.record().enabled()).contains(false);
        assertThat(serviceKey("enable", "Reports").out()).isEqualTo("Enabled the key of service reports.\n");
        assertThat(stored("reports")).map(key -> key.record().enabled()).contains(true);

        CliRun removed = serviceKey("remove", "reports");
        assertThat(removed.out()).isEqualTo("Removed the key of service reports.\n");
        assertThat(stored("reports")).isEmpty();
    }

    @Test
    void listShowsTheServicesButNeverKeys() {
        assertThat(serviceKey("list").out()).isEqualTo("No service keys yet. Create one with `vakt service-key add NAME`.\n");
        String key = key(serviceKey("add", "reports"));
        serviceKey("add", "ssf-extra", "--level", "Admin");
        serviceKey("disable", "ssf-extra");

        List<String> lines = serviceKey("list").out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("SERVICE +LEVEL +CREATED +KEY SET +ENABLED");
        assertThat(lines.get(1)).matches("reports +Service +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d +yes");
        assertThat(lines.get(2)).startsWith("ssf-extra  Admin").endsWith("no");
        assertThat(String.join("\n", lines)).doesNotContain(key, "vsk_");
    }

    @Test
    void helpListsTheSubcommands() {
        CliRun run = CliRun.run(work, Map.of(), "", "service-key", "--help");
        assertThat(run.out()).contains("add", "rotate", "disable", "enable", "remove", "list");
        CliRun missing = CliRun.run(work, Map.of(), "", "service-key");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing a service-key command (add, rotate, disable, enable, remove, list)");
        assertThat(CliRun.run(work, Map.of(), "", "service-key", "add", "--help").out()).contains("--level", "default: Service");
    }

    private CliRun serviceKey(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "service-key";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--data";
        full[args.length + 2] = work.resolve("data").toString();
        return CliRun.run(work, Map.of(), "", full);
    }

    private static String key(CliRun run) {
        Matcher matcher = KEY.matcher(run.out());
        assertThat(matcher.find()).as(run.out() + run.err()).isTrue();
        return matcher.group();
    }

    private Optional<StoredServiceKey> stored(String service) {
        try (VaktStore store = VaktStore.open(work.resolve("data"), StoreOptions.defaults())) {
            return store.serviceKeys().listWithHashes().stream().filter(key -> key.record().service().equals(service)).findFirst();
        }
    }
}
