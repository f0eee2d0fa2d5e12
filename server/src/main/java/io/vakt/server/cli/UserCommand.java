package io.vakt.server.cli;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.project.Suggestions;
import io.vakt.store.UserRecord;
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
import java.util.Arrays;

/**
 * {@code vakt user …}: manages the users in the data folder's store ({@link StoreCommand}); a running server sees
 * the change within seconds.
 */
@Command(name = "user", description = "Manage users: add, passwd, level, disable, enable, remove, list.")
final class UserCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a user command (add, passwd, level, disable, enable, remove, list)");
    }

    /** The user, or an error naming the likely one meant. */
    static UserRecord existing(VaktStore store, String name) {
        return store.users().find(name).orElseThrow(() -> new CliException("user '" + name + "' does not exist"
                + Suggestions.didYouMean(name, store.users().list().stream().map(UserRecord::username).toList())));
    }

    /** A new password from standard input, the terminal, or the generator (printed) when there is neither. */
    static char[] newPassword(CliContext context, boolean fromStdin, String name, PrintWriter out) {
        if (fromStdin) return Passwords.fromStdin(context.stdin());
        if (context.console() != null) return Passwords.fromConsole(context.console(), name);
        char[] generated = Passwords.generate();
        out.println("Generated password for " + name + ": " + new String(generated));
        out.println("It is shown only this once.");
        return generated;
    }

    @Command(name = "add", description = "Add a user (asks for the password, or use --password-stdin).")
    static final class Add extends StoreCommand {
        @Parameters(paramLabel = "NAME", description = "Username: letters, digits, _ . @ -")
        String name;

        @Option(names = "--level", paramLabel = "LEVEL", converter = AccessLevelConverter.class,
                description = "Access level: None, Guest, Operator, Service, Admin (default: ${DEFAULT-VALUE})")
        AccessLevel level = AccessLevel.Operator;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input")
        boolean passwordStdin;

        Add(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            // checked before asking, so nobody types a password twice for a name that is taken
            store.users().find(name).ifPresent(user -> {
                throw new CliException("user '" + user.username() + "' already exists");
            });
            char[] password = newPassword(context, passwordStdin, name, out);
            try {
                UserRecord user = store.users().create(name, password, level);
                out.println("Created user " + user.username() + " with level " + user.level() + ".");
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "passwd", description = "Set a user's password and end the user's sessions.")
    static final class Passwd extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input")
        boolean passwordStdin;

        Passwd(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            UserRecord user = existing(store, name);
            char[] password = newPassword(context, passwordStdin, user.username(), out);
            try {
                store.users().setPassword(user.username(), password);
                out.println("Changed the password of " + user.username() + "; the user's sessions have ended.");
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "level", description = "Change a user's access level.")
    static final class Level extends StoreCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "LEVEL", converter = AccessLevelConverter.class,
                description = "None, Guest, Operator, Service or Admin")
        AccessLevel level;

        Level(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            UserRecord user = existing(store, name);
            store.users().setLevel(user.username(), level);
            out.println(user.username() + " now has level " + level + " (was " + user.level() + ").");
        }
    }

    @Command(name = "disable", description = "Stop a user from logging in and end the user's sessions.")
    static final class Disable extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Disable(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            UserRecord user = existing(store, name);
            store.users().setDisabled(user.username(), true);
            out.println("Disabled " + user.username() + "; the user's sessions have ended.");
        }
    }

    @Command(name = "enable", description = "Let a disabled user log in again.")
    static final class Enable extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Enable(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            UserRecord user = existing(store, name);
            store.users().setDisabled(user.username(), false);
            out.println("Enabled " + user.username() + ".");
        }
    }

    @Command(name = "remove", description = "Delete a user and the user's sessions.")
    static final class Remove extends StoreCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        Remove(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            UserRecord user = existing(store, name);
            store.users().delete(user.username());
            out.println("Removed " + user.username() + ".");
        }
    }

    @Command(name = "list", description = "List the users: name, level, created, disabled.")
    static final class ListUsers extends StoreCommand {
        ListUsers(CliContext context) { super(context); }

        @Override
        void run(VaktStore store, PrintWriter out) {
            out.print(UserTable.render(store.users().list(), ZoneId.systemDefault()));
        }
    }
}
