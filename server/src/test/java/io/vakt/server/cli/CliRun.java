package io.vakt.server.cli;

import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the whole {@code vakt} command line in-process and captures what it printed. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun run(Path workingDirectory, Map<String, String> environment, String stdin, String... args) {
        CliContext context = new CliContext(environment, workingDirectory,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        CommandLine commandLine = VaktCommand.commandLine(context);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new CliRun(exitCode, out.toString(), err.toString());
    }
}
