package io.vakt.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code vakt} command line: {@code serve}, {@code doctor}, {@code scan …}, {@code user …}, {@code service-key …} and {@code version}. The main class of the
 * runnable jar; exit codes are 0 for success, 1 when the configuration, project or store is at fault, 2 for a
 * command line picocli cannot parse.
 */
@Command(name = "vakt", mixinStandardHelpOptions = true, versionProvider = VersionInfo.class,
        description = "Vakt: a building-automation server speaking the ArrigoLocal API.",
        synopsisSubcommandLabel = "COMMAND",
        footerHeading = "%nGetting started:%n",
        footer = {
                "  ./vakt serve   start the demo building on http://localhost:8080/arrigo/",
                "  ./vakt test    build and run the tests (a command of the launcher script)",
                "",
                "Every setting, its environment variable and default: docs/configuration.md"})
public final class VaktCommand implements Runnable {
    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private VaktCommand() {}

    public static void main(String[] args) {
        System.exit(commandLine(CliContext.system()).execute(args));
    }

    /** The whole command tree, reading and writing what {@code context} gives. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine user = new CommandLine(new UserCommand())
                .addSubcommand(new UserCommand.Add(context))
                .addSubcommand(new UserCommand.Passwd(context))
                .addSubcommand(new UserCommand.Level(context))
                .addSubcommand(new UserCommand.Disable(context))
                .addSubcommand(new UserCommand.Enable(context))
                .addSubcommand(new UserCommand.Remove(context))
                .addSubcommand(new UserCommand.ListUsers(context));
        CommandLine serviceKey = new CommandLine(new ServiceKeyCommand())
                .addSubcommand(new ServiceKeyCommand.Add(context))
                .addSubcommand(new ServiceKeyCommand.Rotate(context))
                .addSubcommand(new ServiceKeyCommand.Disable(context))
                .addSubcommand(new ServiceKeyCommand.Enable(context))
                .addSubcommand(new ServiceKeyCommand.Remove(context))
                .addSubcommand(new ServiceKeyCommand.ListKeys(context));
        return new CommandLine(new VaktCommand())
                .addSubcommand(new ServeCommand(context))
                .addSubcommand(user)
                .addSubcommand(serviceKey)
                .addSubcommand(new CommandLine(new CertCommand()).addSubcommand(new CertCommand.SelfSigned(context)))
                .addSubcommand(new VersionCommand())
                .addSubcommand(new DoctorCommand(context))
                .addSubcommand(new CommandLine(new ScanCommand())
                        .addSubcommand(new ScanCommand.Modbus(context))
                        .addSubcommand(new ScanCommand.Bacnet(context)))
                .setExecutionExceptionHandler(new ErrorReporter());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing a command (serve, doctor, scan, cert, user, service-key, version)");
    }
}
