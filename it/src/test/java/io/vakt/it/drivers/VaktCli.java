package io.vakt.it.drivers;

import io.vakt.server.cli.CliContext;
import io.vakt.server.cli.VaktCommand;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** The real {@code vakt} command line run in-process (no terminal), with what it printed. */
public record VaktCli(int exitCode, String out, String err) {
    public static VaktCli run(String stdin, String... args) {
        CliContext context = new CliContext(Map.of(), Path.of("").toAbsolutePath(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), null);
        CommandLine commandLine = VaktCommand.commandLine(context);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new VaktCli(commandLine.execute(args), out.toString(), err.toString());
    }
}
