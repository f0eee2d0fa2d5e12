package io.vakt.server.config;

import io.vakt.core.access.AccessLevel;
import io.vakt.wamp.router.Action;
import io.vakt.wamp.router.PermissionRule;
import io.vakt.wamp.router.PermissionTable;
import io.vakt.wamp.router.WampConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@code wamp.*} keys: defaults, the list forms in every source, and the refusals. */
class WampConfigTest {
    @TempDir Path dir;

    @Test
    void defaultsAreTheRoutersDefaults() {
        WampSettings wamp = VaktConfig.defaults().wamp();
        WampConfig router = wamp.routerConfig("Demo");

        assertThat(wamp.realms()).containsExactly("realm1");
        assertThat(wamp.helloTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(wamp.maxMessageSize()).isEqualTo(1024 * 1024);
        assertThat(wamp.maxPendingCallsPerSession()).isEqualTo(1000);
        assertThat(wamp.maxSubscriptionsPerSession()).isEqualTo(1000);
        assertThat(wamp.maxRegistrationsPerSession()).isEqualTo(1000);
        assertThat(wamp.callTimeout()).isZero();
        assertThat(wamp.maxQueuedEvents()).isEqualTo(1000);
        assertThat(wamp.maxQueuedMessages()).isEqualTo(10_000);
        assertThat(router).isEqualTo(WampConfig.defaults("demo"));
        assertThat(router.permissions().account()).as("lower-cased").isEqualTo("demo");
        assertThat(router.permissions().rules()).isEqualTo(PermissionTable.defaults("x").rules());
    }

    @Test
    void theRegistryHasTheWampKeys() {
        assertThat(ConfigKeys.names()).contains("wamp.realms", "wamp.helloTimeout", "wamp.maxMessageSize",
                "wamp.maxPendingCallsPerSession", "wamp.maxSubscriptionsPerSession", "wamp.maxRegistrationsPerSession",
                "wamp.callTimeout", "wamp.maxQueuedEvents", "wamp.maxQueuedMessages",
                "wamp.permissions");
        assertThat(ConfigKeys.find("wamp.maxPendingCallsPerSession").orElseThrow().envName())
                .isEqualTo("VAKT_WAMP_MAX_PENDING_CALLS_PER_SESSION");
    }

    @Test
    void yamlSetsEveryKeyWithListsAndSizeUnits() throws IOException {
        VaktConfig config = loadYaml("""
                wamp:
                  realms: [realm1, site.north]
                  helloTimeout: 3s
                  maxMessageSize: 512KiB
                  maxPendingCallsPerSession: 10
                  maxSubscriptionsPerSession: 20
                  maxRegistrationsPerSession: 30
                  callTimeout: 30s
                  maxQueuedEvents: 0
                  maxQueuedMessages: 50
                  permissions:
                    - prefix: "accounts.{account}.services.{authid}."
                      roles: [service]
                      allow: [call, register]
                    - prefix: ""
                      roles: user
                      minLevel: operator
                      allow: [Subscribe]
                """);
        WampSettings wamp = config.wamp();
        assertThat(wamp.realms()).containsExactly("realm1", "site.north");
        assertThat(wamp.helloTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(wamp.maxMessageSize()).isEqualTo(512 * 1024);
        assertThat(wamp.maxPendingCallsPerSession()).isEqualTo(10);
        assertThat(wamp.maxSubscriptionsPerSession()).isEqualTo(20);
        assertThat(wamp.maxRegistrationsPerSession()).isEqualTo(30);
        assertThat(wamp.callTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(wamp.maxQueuedEvents()).isZero();
        assertThat(wamp.maxQueuedMessages()).isEqualTo(50);
        assertThat(wamp.permissions()).containsExactly(
                new PermissionRule("accounts.{account}.services.{authid}.", Set.of("service"), AccessLevel.None,
                        EnumSet.of(Action.CALL, Action.REGISTER)),
                new PermissionRule("", Set.of("user"), AccessLevel.Operator, EnumSet.of(Action.SUBSCRIBE)));
    }

    @Test
    void sessionLimitsReachTheRouterFromEverySourceAndRefuseZero() {
        VaktConfig config = new ConfigLoader(Map.of("VAKT_WAMP_MAX_SUBSCRIPTIONS_PER_SESSION", "50"), dir).load(null,
                List.of(new FlagValue("--set wamp.maxRegistrationsPerSession", "wamp.maxRegistrationsPerSession", "7")));
        WampConfig router = config.wamp().routerConfig("demo");
        assertThat(router.maxSubscriptionsPerSession()).isEqualTo(50);
        assertThat(router.maxRegistrationsPerSession()).isEqualTo(7);
        assertThat(ConfigKeys.find("wamp.maxRegistrationsPerSession").orElseThrow().envName())
                .isEqualTo("VAKT_WAMP_MAX_REGISTRATIONS_PER_SESSION");

        assertThat(envProblems("VAKT_WAMP_MAX_SUBSCRIPTIONS_PER_SESSION", "0")).singleElement().asString()
                .isEqualTo("environment VAKT_WAMP_MAX_SUBSCRIPTIONS_PER_SESSION: \"0\" is too small; use 1 or more");
        assertThat(envProblems("VAKT_WAMP_MAX_REGISTRATIONS_PER_SESSION", "many")).singleElement().asString()
                .contains("\"many\" is not a whole number");
    }

    @Test
    void environmentTakesCommaSeparatedRealmsAndInlineRules() {
        VaktConfig config = new ConfigLoader(Map.of(
                "VAKT_WAMP_REALMS", "realm1, realm2",
                "VAKT_WAMP_MAX_MESSAGE_SIZE", "2097152",
                "VAKT_WAMP_PERMISSIONS", "[{\"prefix\": \"\", \"roles\": [\"user\", \"service\"], \"minLevel\": \"Guest\","
                        + " \"allow\": [\"call\", \"subscribe\"]}]"), dir).load(null, List.of());
        assertThat(config.wamp().realms()).containsExactly("realm1", "realm2");
        assertThat(config.wamp().maxMessageSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(config.wamp().permissions()).singleElement().satisfies(rule -> {
            assertThat(rule.roles()).containsExactlyInAnyOrder("user", "service");
            assertThat(rule.allow()).containsExactlyInAnyOrder(Action.CALL, Action.SUBSCRIBE);
        });
    }

    @Test
    void setFlagTakesYamlFlowStyle() {
        VaktConfig config = new ConfigLoader(Map.of(), dir).load(null, List.of(
                new FlagValue("--set wamp.realms", "wamp.realms", "[realm1]"),
                new FlagValue("--set wamp.permissions", "wamp.permissions", "[{prefix: \"wamp.\"}]")));
        assertThat(config.wamp().realms()).containsExactly("realm1");
        assertThat(config.wamp().permissions()).containsExactly(new PermissionRule("wamp.", Set.of(), AccessLevel.None, Set.of()));
    }

    @Test
    void refusesBadRulesNamingTheRuleAndTheLikelyWord() throws IOException {
        List<String> problems = yamlProblems("""
                wamp:
                  permissions:
                    - prefix: ""
                      allow: [cal]
                """);
        assertThat(problems).containsExactly("vakt.yaml line 2: wamp.permissions: rule 1: unknown action \"cal\""
                + " (did you mean \"call\"?); actions: call, register, publish, subscribe (none listed = deny)");

        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "[{\"prefix\": \"\", \"role\": [\"user\"]}]")).singleElement()
                .asString().contains("rule 1: unknown field \"role\" (did you mean \"roles\"?)");
        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "[{\"prefix\": \"\", \"roles\": [\"admin\"]}]")).singleElement()
                .asString().contains("unknown role \"admin\"", "roles: user, service");
        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "[{\"prefix\": \"\", \"minLevel\": \"Gust\"}]")).singleElement()
                .asString().contains("unknown level \"Gust\" (did you mean \"Guest\"?)");
        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "[{\"prefix\": \"accounts.{acount}.\"}]")).singleElement()
                .asString().contains("unknown variable \"{acount}\"");
        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "[{\"roles\": [\"user\"]}]")).singleElement()
                .asString().contains("rule 1: needs a prefix");
        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "{\"prefix\": \"\"}")).singleElement()
                .asString().contains("must be a list of rules");
        assertThat(envProblems("VAKT_WAMP_PERMISSIONS", "[{\"prefix\": \"\"")).singleElement()
                .asString().contains("is not a list of rules");
    }

    @Test
    void refusesBadRealmsAndSizes() {
        assertThat(envProblems("VAKT_WAMP_REALMS", "Realm One")).singleElement().asString()
                .isEqualTo("environment VAKT_WAMP_REALMS: \"Realm One\" is not a realm name (lower-case letters, digits"
                        + " and _, in dot-separated parts, e.g. realm1)");
        assertThat(envProblems("VAKT_WAMP_REALMS", "realm1,realm1")).singleElement().asString().contains("listed twice");
        assertThat(envProblems("VAKT_WAMP_REALMS", ",")).singleElement().asString().contains("names no realm");
        assertThat(envProblems("VAKT_WAMP_MAX_MESSAGE_SIZE", "1MB")).singleElement().asString()
                .contains("\"1MB\" is not a size (use 65536, 512KiB, 1MiB)");
        assertThat(envProblems("VAKT_WAMP_MAX_MESSAGE_SIZE", "100")).singleElement().asString()
                .contains("out of range; use 1KiB to 64MiB");
        assertThat(envProblems("VAKT_WAMP_MAX_MESSAGE_SIZE", "65MiB")).singleElement().asString().contains("out of range");
    }

    @Test
    void listsStayRefusedForKeysThatTakeOneValue() throws IOException {
        assertThat(yamlProblems("wamp:\n  helloTimeout: [1s, 2s]\n"))
                .containsExactly("vakt.yaml line 2: wamp.helloTimeout: must be a single value, not a list");
    }

    @Test
    void theDocumentedExampleIsTheDefaultTablePlusOneRule() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "configuration.md"));
        Matcher example = Pattern.compile("```yaml\\n(wamp:\\n  permissions:.*?)```", Pattern.DOTALL).matcher(doc);
        assertThat(example.find()).as("the WAMP permissions example").isTrue();
        List<PermissionRule> rules = new ArrayList<>(loadYaml(example.group(1)).wamp().permissions());

        PermissionRule plant = rules.remove(7);
        assertThat(plant.prefix()).isEqualTo("plant.");
        assertThat(rules).isEqualTo(PermissionTable.defaults("x").rules());
    }

    private VaktConfig loadYaml(String text) throws IOException {
        Files.writeString(dir.resolve("vakt.yaml"), text);
        return new ConfigLoader(Map.of(), dir).load(Path.of("vakt.yaml"), List.of());
    }

    private List<String> yamlProblems(String text) throws IOException {
        Files.writeString(dir.resolve("vakt.yaml"), text);
        return catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of(), dir).load(Path.of("vakt.yaml"), List.of())).problems();
    }

    private List<String> envProblems(String name, String value) {
        return catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(Map.of(name, value), dir).load(null, List.of())).problems();
    }
}
