package io.vakt.server.cli;

import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * What every command working on the data folder's store shares ({@code vakt user …}, {@code vakt service-key …}):
 * the {@code --config}/{@code --data} options, opening the store, and printing. It opens the same SQLite file a
 * running server uses (WAL mode lets both write); the server sees the change within seconds.
 */
abstract class StoreCommand implements Callable<Integer> {
    final CliContext context;

    @Mixin
    ConfigOptions configOptions;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    StoreCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Path dataDir = context.configLoader().load(configOptions.configFile, configOptions.flags()).dataDir();
        PrintWriter out = spec.commandLine().getOut();
        try (VaktStore store = VaktStore.open(dataDir, StoreOptions.defaults())) {
            run(store, out);
        } finally {
            out.flush();
        }
        return 0;
    }

    abstract void run(VaktStore store, PrintWriter out);
}
