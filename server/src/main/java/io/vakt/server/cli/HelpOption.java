package io.vakt.server.cli;

import picocli.CommandLine.Option;

/** {@code -h}/{@code --help} for a subcommand, without the {@code --version} the top-level command has. */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
