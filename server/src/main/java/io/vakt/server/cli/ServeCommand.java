package io.vakt.server.cli;

import io.vakt.server.VaktServer;
import io.vakt.server.config.FlagValue;
import io.vakt.server.config.VaktConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code vakt serve}: loads the configuration, starts the server, prints where it listens and runs until the
 * process is stopped (Ctrl+C, SIGTERM), when a shutdown hook closes the server gracefully.
 */
@Command(name = "serve", sortOptions = false,
        description = "Start the server with the embedded demo building, or the project in --project.")
final class ServeCommand implements Callable<Integer> {
    private final CliContext context;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to listen on (default: 0.0.0.0, every interface)")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default: 8080; 0 picks a free one)")
    String port;

    @Option(names = "--project", paramLabel = "DIR", description = "Project folder (default: the embedded demo building)")
    String project;

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set any configuration key, e.g. --set login.window=30m (keys: docs/configuration.md)")
    Map<String, String> settings = new LinkedHashMap<>();

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    /** The configuration these arguments ask for: defaults, file, environment, then flags. */
    VaktConfig config() {
        List<FlagValue> flags = new ArrayList<>(configOptions.flags());
        if (host != null) flags.add(new FlagValue("--host", "server.host", host));
        if (port != null) flags.add(new FlagValue("--port", "server.port", port));
        if (project != null) flags.add(new FlagValue("--project", "project", project));
        settings.forEach((key, value) -> flags.add(new FlagValue("--set " + key, key, value)));
        return context.configLoader().load(configOptions.configFile, flags);
    }

    @Override
    public Integer call() throws Exception {
        VaktConfig config = config();
        VaktServer server = VaktServer.start(config, context.environment());
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } finally {
                closed.countDown();
            }
        }, "vakt-shutdown"));
        PrintWriter out = spec.commandLine().getOut();
        out.print(StartupBanner.render(server, config.dataDir(), StartupBanner.lanAddresses()));
        out.flush();
        // main() exits the JVM with the exit code as soon as this returns; wait until the hook has closed the server
        closed.await();
        return 0;
    }
}
