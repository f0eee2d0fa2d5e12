package io.vakt.server.cli;

import io.vakt.server.config.ConfigLoader;

import java.io.Console;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the process, passed in so tests can give their own.
 *
 * @param environment      the environment variables
 * @param workingDirectory where relative paths from flags and the environment are anchored
 * @param stdin            read by {@code --password-stdin}
 * @param console          the interactive terminal, or null when there is none (scripts, pipes, services)
 */
public record CliContext(Map<String, String> environment, Path workingDirectory, InputStream stdin, Console console) {
    public CliContext {
        environment = Map.copyOf(environment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(stdin, "stdin");
    }

    /** This process: {@code System.getenv()}, the current folder, {@code System.in} and the terminal if any. */
    public static CliContext system() {
        return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), System.in, terminal());
    }

    ConfigLoader configLoader() {
        return new ConfigLoader(environment, workingDirectory);
    }

    /**
     * {@code System.console()} only when it is a real terminal. From JDK 22 on it returns a console even for
     * redirected streams, where asking for a password with echo off would hang a script; {@code isTerminal()}
     * tells the two apart but does not exist on the JDK 21 this code is compiled for, hence the reflection.
     */
    private static Console terminal() {
        Console console = System.console();
        if (console == null) return null;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return Boolean.TRUE.equals(isTerminal.invoke(console)) ? console : null;
        } catch (NoSuchMethodException e) {
            return console; // JDK 21: a non-null console is always a terminal
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
