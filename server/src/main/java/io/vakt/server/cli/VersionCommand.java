package io.vakt.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/** {@code vakt version}. */
@Command(name = "version", description = "Print the Vakt and Java versions.")
final class VersionCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new VersionInfo().getVersion()) out.println(line);
        out.flush();
    }
}
