package io.vakt.server.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigKeysTest {
    @Test
    void envNameIsVaktAndTheUpperSnakeCaseOfTheKey() {
        assertThat(ConfigKey.envNameOf("tokens.accessLifetime")).isEqualTo("VAKT_TOKENS_ACCESS_LIFETIME");
        assertThat(ConfigKey.envNameOf("server.port")).isEqualTo("VAKT_SERVER_PORT");
        assertThat(ConfigKey.envNameOf("data")).isEqualTo("VAKT_DATA");
        assertThat(ConfigKey.envNameOf("graphqlWs.initTimeout")).isEqualTo("VAKT_GRAPHQL_WS_INIT_TIMEOUT");
        assertThat(ConfigKey.envNameOf("liveValues.maxUpdatesPerSecond"))
                .isEqualTo("VAKT_LIVE_VALUES_MAX_UPDATES_PER_SECOND");
    }

    @Test
    void driverEnvNamesMapBackToCamelCaseSettings() {
        assertThat(ConfigLoader.driverKeyOf("VAKT_DRIVERS_SIMULATOR_INTERVAL")).contains("drivers.simulator.interval");
        assertThat(ConfigLoader.driverKeyOf("VAKT_DRIVERS_SIMULATOR_UNREACHABLE_CHANCE"))
                .contains("drivers.simulator.unreachableChance");
        assertThat(ConfigLoader.driverKeyOf("VAKT_DRIVERS_SIMULATOR")).isEmpty();
        assertThat(ConfigLoader.driverKeyOf("VAKT_DRIVERS_SIMULATOR_")).isEmpty();
    }

    @Test
    void shortAliasesNameRegistryKeys() {
        assertThat(ConfigKeys.ENV_ALIASES).containsEntry("VAKT_HOST", "server.host").containsEntry("VAKT_PORT", "server.port");
        ConfigKeys.ENV_ALIASES.values().forEach(key -> assertThat(ConfigKeys.find(key)).isPresent());
        assertThat(ConfigKeys.find("data").orElseThrow().envName()).isEqualTo("VAKT_DATA");
        assertThat(ConfigKeys.find("project").orElseThrow().envName()).isEqualTo("VAKT_PROJECT");
    }

    @Test
    void namesAndEnvNamesAreUnique() {
        Set<String> names = new HashSet<>();
        Set<String> envNames = new HashSet<>(ConfigKeys.ENV_ALIASES.keySet());
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(names.add(key.name())).as(key.name()).isTrue();
            assertThat(envNames.add(key.envName())).as(key.envName()).isTrue();
        }
        assertThat(envNames).doesNotContain(ConfigLoader.CONFIG_ENV);
    }

    @Test
    void everyKeyHasADescriptionOfOneLine() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(key.description()).as(key.name()).isNotBlank().doesNotContain("\n", "|");
        }
    }

    @Test
    void everyBuiltInDefaultIsAcceptedByItsOwnKey() {
        // a default its own type refuses would make the documented default impossible to write down
        VaktConfig defaults = VaktConfig.defaults();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            Object value = key.get(defaults);
            if (value == null) continue;
            String text = format(key, value);
            assertThat(key.get(key.apply(defaults, text, Path.of("")))).as(key.name()).isEqualTo(value);
        }
    }

    @Test
    void theRegistryCoversTheKeysTheIssueNames() {
        assertThat(ConfigKeys.names()).containsAll(List.of("server.host", "server.port", "server.eventLoops", "data",
                "project", "tokens.accessLifetime", "tokens.refreshLifetime", "liveValues.maxUpdatesPerSecond",
                "liveValues.linger", "liveValues.pollLease", "writes.readBackAttempts", "writes.readBackInterval",
                "writes.driverTimeout", "graphql.maxQueryDepth", "graphql.maxFieldsCount", "graphql.maxQueryLength",
                "graphql.minPollingInterval", "graphqlWs.initTimeout", "graphqlWs.keepAliveInterval",
                "graphqlWs.maxOperations", "graphqlWs.maxMessageBytes", "webSocket.pingInterval",
                "webSocket.compression", "webSocket.writeQueueHighWaterBytes", "login.freeFailures", "login.window",
                "login.maxDelay", "metrics.scrapeToken"));
    }

    @SuppressWarnings("unchecked")
    private static <T> String format(ConfigKey<T> key, Object value) {
        return key.type().format((T) value);
    }
}
