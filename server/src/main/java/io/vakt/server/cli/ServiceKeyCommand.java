package io.vakt.server.cli;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.project.Suggestions;
import io.vakt.store.IssuedServiceKey;
import io.vakt.store.ServiceKeyRecord;
import io.vakt.store.VaktStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.ZoneId;

/**
 * {@code vakt service-key …}: the keys services use as their WAMP credential (spec §7.1: ArrigoLocal passes a
 * service its key as {@code -k <key>}). A key is printed once, when it is created or rotated; the store keeps
 * only its hash. A running server picks changes up within seconds ({@link StoreCommand}).
 */
@Command(name = "service-key", description = "Manage the WAMP keys of services: add, rotate, disable, enable, remove, list.")
final class ServiceKeyCommand implements Runnable {
    static final String NAME_HELP = "Service name: letters a-z, digits, _ - (used in accounts.<account>.services.<name>.…)";

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "Missing a service-key command (add, rotate, disable, enable, remove, list)");
    }

    /** The service's key, or an error naming the likely service meant. */
    static ServiceKeyRecord existing(VaktStore store, String name) {
        return store.serviceKeys().find(name).orElseThrow(() -> new CliException("service '" + name + "' has no key"
                + Suggestions.didYouMean(name, store.serviceKeys().list().stream().map(ServiceKeyRecord::service).toList())));
    }

    /** The key last, alone on its line, so scripts can take it with {@code tail -n 1}. */
    static void printKey(PrintWriter out, String heading, IssuedServiceKey issued) {
        out.println(heading + " It is shown only this once.");
        out.println("The service signs in to /arrigo/api/wamp with it as authid (authmethod anonymous), as ArrigoLocal"
                + " services do with -k <key>:");
        out.println(issued.key());
    }

    @Command(name = "add", description = "Create a service's key and print it once.")
    static final class Add extends StoreCommand {
        @Parameters(paramLabel = "NAME", description = NAME_HELP)
        String name;

        @Option(names = "--level", paramLabel = "LEVEL", converter = AccessLevelConverter.class,
                description = "Access level of the service's sessions: None, Guest, Operator, Service, Admin"
                        + " (default: ${DEFAULT-VALUE})")
        AccessLevel level = AccessLevel.Service;

        Add(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            IssuedServiceKey issued = store.serviceKeys().create(name, level);
            printKey(out, "Created the key of service " + issued.record().service() + " with level " + level + ".", issued);
        }
    }

    @Command(name = "rotate", description = "Give a service a new key and print it once; the old key stops working.")
    static final class Rotate extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Rotate(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            ServiceKeyRecord service = existing(store, name);
            IssuedServiceKey issued = store.serviceKeys().rotate(service.service());
            printKey(out, "New key of service " + service.service() + "; a running server refuses the old one within seconds.",
                    issued);
        }
    }

    @Command(name = "disable", description = "Refuse a service's key without deleting it.")
    static final class Disable extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Disable(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            ServiceKeyRecord service = existing(store, name);
            store.serviceKeys().setEnabled(service.service(), false);
            out.println("Disabled the key of service " + service.service() + ".");
        }
    }

    @Command(name = "enable", description = "Accept a disabled service key again.")
    static final class Enable extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Enable(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            ServiceKeyRecord service = existing(store, name);
            store.serviceKeys().setEnabled(service.service(), true);
            out.println("Enabled the key of service " + service.service() + ".");
        }
    }

    @Command(name = "remove", description = "Delete a service's key.")
    static final class Remove extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Remove(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            ServiceKeyRecord service = existing(store, name);
            store.serviceKeys().delete(service.service());
            out.println("Removed the key of service " + service.service() + ".");
        }
    }

    @Command(name = "list", description = "List the service keys: service, level, created, key set, enabled.")
    static final class ListKeys extends StoreCommand {
        ListKeys(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            out.print(ServiceKeyTable.render(store.serviceKeys().list(), ZoneId.systemDefault()));
        }
    }
}
