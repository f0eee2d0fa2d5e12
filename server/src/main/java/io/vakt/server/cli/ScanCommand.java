package io.vakt.server.cli;

import io.vakt.core.driver.scan.ControllerFiles;
import io.vakt.core.driver.scan.ScannedController;
import io.vakt.core.driver.scan.ScannedPoint;
import io.vakt.core.driver.support.Durations;
import io.vakt.driver.bacnet.scan.BacnetScanRequest;
import io.vakt.driver.bacnet.scan.BacnetScanner;
import io.vakt.driver.modbus.scan.ModbusScanRequest;
import io.vakt.driver.modbus.scan.ModbusScanner;
import io.vakt.driver.modbus.scan.RegisterRange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vakt scan modbus|bacnet}: lists what answers on a Modbus TCP device or gateway and on a BACnet/IP network,
 * with a progress bar, and writes a starting controller file per device for the project (docs/drivers.md, "Scanning").
 */
@Command(name = "scan", description = "Find Modbus TCP units and registers or BACnet/IP devices and objects, and write controller files.",
        footerHeading = "%nExit status:%n",
        footer = {"  0  something answered", "  1  nothing answered, or a file could not be written", "  2  the command line is wrong"})
final class ScanCommand implements Runnable {
    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing what to scan (modbus, bacnet)");
    }

    /** What both scans share: where to write the controller files, and the report. */
    abstract static class Scan implements Callable<Integer> {
        final CliContext context;

        @Option(names = "--write", paramLabel = "DIR",
                description = "Write one controller file per device into DIR (a project's controllers folder)")
        Path writeDir;

        @Option(names = "--force", description = "Overwrite controller files that exist")
        boolean force;

        @Mixin
        HelpOption help;

        @Spec
        CommandSpec spec;

        Scan(CliContext context) { this.context = context; }

        abstract String origin();

        abstract List<ScannedController> scan(ScanProgressBar progress) throws InterruptedException;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ScanProgressBar progress = new ScanProgressBar(err, context.console() != null);
            List<ScannedController> found;
            try {
                found = scan(progress);
            } catch (ParameterException wrongCommandLine) {
                throw wrongCommandLine;
            } catch (IllegalStateException | java.io.UncheckedIOException unreachable) {
                // the scanners say so when the target cannot be reached at all (no route, refused, bind failed)
                progress.finish();
                err.println("vakt scan: " + unreachable.getMessage());
                err.flush();
                return 1;
            } finally {
                progress.finish();
            }
            if (found.isEmpty()) {
                out.println("Nothing answered " + origin() + ".");
                out.flush();
                return 1;
            }
            report(out, found);
            return writeDir == null ? 0 : write(out, err, found);
        }

        private void report(PrintWriter out, List<ScannedController> found) {
            for (ScannedController controller : found) {
                out.printf(Locale.ROOT, "%n%s  %s  (%s %s)%n", controller.suggestedName(), controller.title(),
                        controller.driver(), controller.settings());
                for (ScannedPoint point : controller.points()) {
                    out.printf(Locale.ROOT, "  %-24s %-8s %-14s %-10s %s%n", point.address(), point.type().label(),
                            point.sample().isEmpty() ? "-" : point.sample() + (point.unit().isEmpty() ? "" : " " + point.unit()),
                            point.writable() ? "writable" : "", options(point));
                }
            }
            out.flush();
        }

        private static String options(ScannedPoint point) {
            List<String> parts = new ArrayList<>();
            point.options().forEach((key, value) -> parts.add(key + ": " + value));
            return String.join(", ", parts) + (point.description().isEmpty() ? "" : "  " + point.description());
        }

        private int write(PrintWriter out, PrintWriter err, List<ScannedController> found) {
            Path dir = context.workingDirectory().resolve(writeDir);
            List<Path> files = new ArrayList<>();
            for (ScannedController controller : found) {
                Path file = dir.resolve(controller.suggestedName() + ".yaml");
                if (Files.exists(file) && !force) {
                    err.println("vakt scan: " + file + " exists; not overwritten (add --force to replace it)");
                    err.flush();
                    return 1;
                }
                files.add(file);
            }
            try {
                Files.createDirectories(dir);
                for (int i = 0; i < found.size(); i++) {
                    Files.writeString(files.get(i), ControllerFiles.yaml(found.get(i), "vakt scan " + origin(), Instant.now()));
                    out.println("wrote " + files.get(i) + " (" + found.get(i).points().size() + " points)");
                }
            } catch (IOException e) {
                err.println("vakt scan: cannot write " + dir + ": " + e.getMessage());
                err.flush();
                return 1;
            }
            Path project = dir.getParent() == null ? dir : dir.getParent();
            out.println("Rename the controllers and points and delete what you do not need.");
            if (!Files.exists(project.resolve("project.yaml"))) {
                out.println("A project also needs " + project.resolve("project.yaml") + " (account: <Name>) and lists in "
                        + project.resolve("areas") + " that publish the points (docs/project-format.md).");
            }
            out.println("Then: vakt serve --project " + project);
            out.flush();
            return 0;
        }

        Duration duration(String option, String text) {
            return Durations.parse(text).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "Invalid value for " + option + ": \"" + text + "\" is no duration (" + Durations.EXAMPLES + ")"));
        }

        /** {@code 1-10,17} → 1…10, 17, each within [min, max]. */
        List<Integer> numbers(String option, String text, int min, int max) {
            List<Integer> numbers = new ArrayList<>();
            try {
                for (String part : text.split(",")) {
                    String[] bounds = part.trim().split("-");
                    int low = Integer.parseInt(bounds[0].trim());
                    int high = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : low;
                    if (bounds.length > 2 || low < min || high > max || low > high) throw new NumberFormatException(part);
                    for (int n = low; n <= high; n++) numbers.add(n);
                }
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "Invalid value for " + option + ": \"" + text
                        + "\" (numbers or ranges from " + min + " to " + max + ", e.g. 1-10,17)");
            }
            return numbers;
        }
    }

    /** {@code vakt scan modbus HOST[:PORT] [--units 1-10] [--range holding:0-99]… [--timeout 500ms]}. */
    @Command(name = "modbus", sortOptions = false,
            description = "Probe unit ids of a Modbus TCP device or gateway, then their register ranges.",
            footerHeading = "%nExamples:%n",
            footer = {"  vakt scan modbus 192.168.1.50", "  vakt scan modbus gw.local:502 --units 1-32 --range holding:0-199 --write project/controllers"})
    static final class Modbus extends Scan {
        @Parameters(paramLabel = "HOST[:PORT]", description = "The device or gateway (port 502 unless given)")
        String target;

        @Option(names = "--units", paramLabel = "LIST", description = "Unit ids to probe (default: ${DEFAULT-VALUE}; gateways: 1-247)")
        String units = "1";

        @Option(names = "--range", paramLabel = "TABLE:FIRST-LAST",
                description = "Registers to probe, repeatable: holding, input, coil, discrete (default: 0-99 of each)")
        List<String> ranges = new ArrayList<>();

        @Option(names = "--timeout", paramLabel = "DURATION", description = "Wait per request (default: ${DEFAULT-VALUE})")
        String timeout = "500ms";

        Modbus(CliContext context) { super(context); }

        @Override
        String origin() { return "modbus " + target; }

        @Override
        List<ScannedController> scan(ScanProgressBar progress) throws InterruptedException {
            String host = target;
            int port = 502;
            int colon = target.lastIndexOf(':');
            if (colon > 0 && target.indexOf(':') == colon) {
                host = target.substring(0, colon);
                port = numbers("HOST:PORT", target.substring(colon + 1), 1, 65535).getFirst();
            }
            List<RegisterRange> parsed = new ArrayList<>();
            List<String> wanted = ranges.isEmpty() ? List.of("holding:0-99", "input:0-99", "coil:0-99", "discrete:0-99") : ranges;
            for (String range : wanted) {
                try {
                    parsed.add(RegisterRange.parse(range));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for --range: " + e.getMessage());
                }
            }
            ModbusScanRequest request = new ModbusScanRequest(host, port, numbers("--units", units, 0, 255), parsed,
                    duration("--timeout", timeout));
            return new ModbusScanner(request).scan(progress);
        }
    }

    /** {@code vakt scan bacnet [TARGET] [--port 47808] [--instances LOW-HIGH] [--wait 3s]}. */
    @Command(name = "bacnet", sortOptions = false,
            description = "Send Who-Is, list the devices that answer with I-Am, then read their objects.",
            footerHeading = "%nExamples:%n",
            footer = {"  vakt scan bacnet", "  vakt scan bacnet 192.168.1.255 --instances 1000-1999 --write project/controllers",
                    "  vakt scan bacnet 10.0.5.20 --port 47809   (one device, by its address)"})
    static final class Bacnet extends Scan {
        @Parameters(paramLabel = "TARGET", arity = "0..1",
                description = "Broadcast or device address (default: ${DEFAULT-VALUE})")
        String target = "255.255.255.255";

        @Option(names = "--port", paramLabel = "PORT", description = "BACnet/IP port of the devices (default: ${DEFAULT-VALUE})")
        int port = 47808;

        @Option(names = "--local-port", paramLabel = "PORT",
                description = "Port to send from (default: any; 47808 for devices that answer only to that port)")
        int localPort;

        @Option(names = "--instances", paramLabel = "LOW-HIGH", description = "Only devices with instance numbers in this range")
        String instances;

        @Option(names = "--wait", paramLabel = "DURATION", description = "How long to collect I-Am answers (default: ${DEFAULT-VALUE})")
        String wait = "3s";

        @Option(names = "--timeout", paramLabel = "DURATION", description = "Wait per request (default: ${DEFAULT-VALUE})")
        String timeout = "2s";

        @Option(names = "--no-objects", description = "List the devices only; do not read their objects")
        boolean noObjects;

        Bacnet(CliContext context) { super(context); }

        @Override
        String origin() { return "bacnet " + target + ":" + port; }

        @Override
        List<ScannedController> scan(ScanProgressBar progress) throws InterruptedException {
            if (port < 1 || port > 65535) throw new ParameterException(spec.commandLine(), "Invalid value for --port: " + port);
            if (localPort < 0 || localPort > 65535) {
                throw new ParameterException(spec.commandLine(), "Invalid value for --local-port: " + localPort);
            }
            Integer low = null;
            Integer high = null;
            if (instances != null) {
                String[] bounds = instances.split("-");
                List<Integer> first = numbers("--instances", bounds[0], 0, 4_194_303);
                low = first.getFirst();
                high = bounds.length == 2 ? numbers("--instances", bounds[1], 0, 4_194_303).getFirst() : low;
                if (bounds.length > 2 || high < low) {
                    throw new ParameterException(spec.commandLine(), "Invalid value for --instances: \"" + instances + "\" (LOW-HIGH)");
                }
            }
            BacnetScanRequest request = new BacnetScanRequest(target, port, localPort, low, high,
                    duration("--wait", wait), !noObjects, duration("--timeout", timeout));
            return new BacnetScanner(request).scan(progress);
        }
    }
}
