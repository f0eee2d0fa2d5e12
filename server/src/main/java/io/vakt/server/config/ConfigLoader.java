package io.vakt.server.config;

import io.vakt.core.project.Suggestions;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds a {@link VaktConfig} from, in rising precedence: the built-in defaults, the YAML file
 * ({@code --config FILE} or {@code VAKT_CONFIG}), {@code VAKT_…} environment variables, and command-line
 * flags. Every problem of every source is collected before failing, so one run shows them all.
 *
 * <p>A relative {@code data} or {@code project} path from the file is anchored at the file's folder, so a
 * site's configuration can be moved with its project; one from the environment or a flag is anchored at
 * the working directory, as a shell user expects. Empty environment variables count as unset, because
 * container tools often define variables they have no value for.
 */
public final class ConfigLoader {
    /** The environment variable naming the configuration file when {@code --config} is not given. */
    public static final String CONFIG_ENV = "VAKT_CONFIG";
    private static final String DRIVERS_ENV_PREFIX = "VAKT_DRIVERS_";

    private final Map<String, String> environment;
    private final Path workingDirectory;

    /**
     * @param environment      the process environment ({@code System.getenv()}); tests pass their own
     * @param workingDirectory where relative paths from the environment and flags are anchored
     */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
    }

    /**
     * Loads the configuration.
     *
     * @param configFile the {@code --config} file, or null to use {@code VAKT_CONFIG} or no file at all
     * @param flags      values from command-line options, applied in order
     * @throws ConfigException listing every problem found
     */
    public VaktConfig load(Path configFile, List<FlagValue> flags) {
        Builder builder = new Builder(VaktConfig.defaults().withDataDir(workingDirectory.resolve("data")));
        readFile(configFile, builder);
        readEnvironment(builder);
        for (FlagValue flag : flags) {
            String where = "option " + flag.option() + ": ";
            builder.set(flag.key(), flag.value(), workingDirectory, where, where);
        }
        return builder.build();
    }

    private void readFile(Path configFlag, Builder builder) {
        String source;
        String given;
        if (configFlag != null) {
            source = "option --config";
            given = configFlag.toString();
        } else if (present(CONFIG_ENV)) {
            source = "environment " + CONFIG_ENV;
            given = environment.get(CONFIG_ENV).strip();
        } else {
            return;
        }
        Path file;
        try {
            file = workingDirectory.resolve(given).normalize();
        } catch (InvalidPathException e) {
            builder.problems.add(source + ": \"" + given + "\" is not a valid path (" + e.getReason() + ")");
            return;
        }
        Optional<String> text = readText(file, source, builder.problems);
        if (text.isEmpty()) return;
        Path base = file.getParent();
        for (YamlSettings.Entry entry : YamlSettings.read(text.get(), given, builder.problems)) {
            String where = given + " line " + entry.line() + ": ";
            builder.set(entry.key(), entry.value(), base, where, where + entry.key() + ": ");
        }
    }

    private static Optional<String> readText(Path file, String source, List<String> problems) {
        if (Files.isDirectory(file)) {
            problems.add(source + ": config file " + file + " is a folder, not a file");
            return Optional.empty();
        }
        if (!Files.exists(file)) {
            problems.add(source + ": config file " + file + " does not exist");
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file));
        } catch (CharacterCodingException e) {
            problems.add(source + ": config file " + file + " is not UTF-8 text");
        } catch (IOException | SecurityException e) {
            problems.add(source + ": cannot read config file " + file + ": " + e);
        }
        return Optional.empty();
    }

    private void readEnvironment(Builder builder) {
        Map<String, String> keyByEnvName = new LinkedHashMap<>();
        for (ConfigKey<?> key : ConfigKeys.ALL) keyByEnvName.put(key.envName(), key.name());
        // an alias yields to the key's full name, so a deployment can pin the full name over a shared default
        ConfigKeys.ENV_ALIASES.forEach((alias, key) -> {
            if (present(alias) && !present(ConfigKey.envNameOf(key))) setFromEnv(builder, alias, key);
        });
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!present(name)) continue;
            String key = keyByEnvName.get(name);
            if (key != null) {
                setFromEnv(builder, name, key);
            } else if (name.startsWith(DRIVERS_ENV_PREFIX)) {
                driverKeyOf(name).ifPresentOrElse(driverKey -> setFromEnv(builder, name, driverKey),
                        () -> builder.problems.add("environment " + name + ": name a driver and a setting, e.g. "
                                + DRIVERS_ENV_PREFIX + "SIMULATOR_INTERVAL"));
            }
        }
    }

    private void setFromEnv(Builder builder, String name, String key) {
        String where = "environment " + name + ": ";
        builder.set(key, environment.get(name), workingDirectory, where, where);
    }

    /** {@code VAKT_DRIVERS_SIMULATOR_UNREACHABLE_CHANCE} → {@code drivers.simulator.unreachableChance}. */
    static Optional<String> driverKeyOf(String envName) {
        String rest = envName.substring(DRIVERS_ENV_PREFIX.length());
        int split = rest.indexOf('_');
        if (split <= 0 || split == rest.length() - 1) return Optional.empty();
        String setting = ConfigKey.camelCase(rest.substring(split + 1));
        if (setting.isEmpty()) return Optional.empty();
        return Optional.of(ConfigKeys.DRIVERS + "." + rest.substring(0, split).toLowerCase(Locale.ROOT) + "." + setting);
    }

    private boolean present(String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }

    /** The configuration as it grows, and the problems found so far. */
    private static final class Builder {
        private VaktConfig config;
        private final Map<String, Map<String, String>> driverOverrides = new TreeMap<>();
        private final List<String> problems = new ArrayList<>();

        Builder(VaktConfig start) {
            this.config = start;
        }

        /**
         * @param where      prefix naming the source, for problems with the key itself
         * @param valueWhere prefix naming the source and key, for problems with the value
         */
        void set(String key, String value, Path base, String where, String valueWhere) {
            if (key.equals(ConfigKeys.DRIVERS) || key.startsWith(ConfigKeys.DRIVERS + ".")) {
                setDriverOverride(key, value, where, valueWhere);
                return;
            }
            Optional<ConfigKey<?>> found = ConfigKeys.find(key);
            if (found.isEmpty()) {
                problems.add(where + unknownKey(key));
                return;
            }
            try {
                config = found.get().apply(config, value, base);
            } catch (InvalidValueException e) {
                problems.add(valueWhere + e.getMessage());
            }
        }

        private void setDriverOverride(String key, String value, String where, String valueWhere) {
            String[] parts = key.split("\\.", -1);
            if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
                problems.add(where + "\"" + key + "\" must have the form drivers.<driver>.<setting>,"
                        + " e.g. drivers.simulator.interval: 250ms");
            } else if (value == null || value.isBlank()) {
                problems.add(valueWhere + "has no value");
            } else {
                // driver names are case-insensitive, as in controller files; one spelling per driver merges the sources
                driverOverrides.computeIfAbsent(parts[1].toLowerCase(Locale.ROOT), driver -> new TreeMap<>())
                        .put(parts[2], value.strip());
            }
        }

        VaktConfig build() {
            if (!problems.isEmpty()) throw new ConfigException(problems);
            Map<String, Map<String, String>> overrides = new TreeMap<>();
            driverOverrides.forEach((driver, settings) -> overrides.put(driver, Map.copyOf(settings)));
            return config.withDriverOverrides(overrides);
        }
    }

    /** Why {@code key} is not a key, with the likely one meant. */
    static String unknownKey(String key) {
        List<String> names = ConfigKeys.names();
        List<String> below = names.stream().filter(name -> name.startsWith(key + ".")).toList();
        if (!below.isEmpty()) {
            return "\"" + key + "\" is a section, not a value; set its keys: " + String.join(", ", below);
        }
        String hint = Suggestions.didYouMean(key, names);
        if (hint.isEmpty()) {
            // "port:" at the top level means server.port; edit distance alone cannot see that
            String last = key.substring(key.lastIndexOf('.') + 1);
            List<String> sameLeaf = names.stream()
                    .filter(name -> name.substring(name.lastIndexOf('.') + 1).equalsIgnoreCase(last)).toList();
            if (sameLeaf.size() == 1) hint = " (did you mean \"" + sameLeaf.getFirst() + "\"?)";
        }
        return "unknown key \"" + key + "\"" + hint;
    }
}
