package io.vakt.server.cli;

import io.vakt.core.project.ProjectException;
import io.vakt.core.project.ProjectLoadException;
import io.vakt.server.config.ConfigException;
import io.vakt.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.List;

/**
 * Turns a failed command into one line per problem on stderr and exit code 1. A stack trace helps a developer,
 * not an operator whose YAML has a typo, so it is printed only with {@code --verbose}, or as a hint when the
 * failure is not one of the expected kinds.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    static final int FAILED = 1;

    @Override
    public int handleExecutionException(Exception error, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        List<String> lines = problems(error);
        boolean expected = !lines.isEmpty();
        if (!expected) lines = List.of("unexpected error: " + error);
        for (String line : lines) err.println(commandLine.getColorScheme().errorText(line));
        if (verbose(parseResult)) {
            error.printStackTrace(err);
        } else if (!expected) {
            err.println("Run again with --verbose for the stack trace.");
        }
        err.flush();
        return FAILED;
    }

    /** The lines describing an expected failure; empty for anything else. */
    static List<String> problems(Throwable error) {
        return switch (error) {
            case ConfigException e -> e.problems();
            case ProjectLoadException e -> e.problems().stream().map(Throwable::getMessage).toList();
            case ProjectException e -> List.of(e.getMessage());
            case StoreException e -> List.of(e.getMessage());
            case CliException e -> List.of(e.getMessage());
            // the server reports a busy port or a similar condition of this machine this way
            case IllegalStateException e -> List.of(String.valueOf(e.getMessage()));
            default -> List.of();
        };
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--verbose")) return true;
        }
        return false;
    }
}
