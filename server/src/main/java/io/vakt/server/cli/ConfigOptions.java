package io.vakt.server.cli;

import io.vakt.server.config.FlagValue;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The options every command reading the configuration shares: {@code --config FILE} and {@code --data DIR}. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (YAML); default: the VAKT_CONFIG environment variable, else none")
    Path configFile;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder of the embedded store (default: ./data)")
    String dataDir;

    /** The flags given, as configuration values. */
    List<FlagValue> flags() {
        List<FlagValue> flags = new ArrayList<>();
        if (dataDir != null) flags.add(new FlagValue("--data", "data", dataDir));
        return flags;
    }
}
