package io.vakt.bench.drivers;

import io.vakt.bench.Args;
import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.core.project.DriverFactories;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code ./vakt bench modbus-poll}: how many points one Modbus TCP connection keeps fresh, and what the block
 * reads save. The {@code modbus} driver (found like the server finds it) polls {@code --points} holding
 * registers spread over {@code --units} units of an in-process device every {@code --interval}; every other
 * register is skipped, a float32 follows every tenth point, so the plan has gaps to merge. The run is repeated
 * with merging off ({@code maxGap 0}, {@code maxBlock 2}: one point per read) for comparison. Reports requests per second,
 * registers per request, samples per second against the target, and the process's CPU.
 */
public final class ModbusPollBench {
    private ModbusPollBench() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = Args.parse(argv);
        int points = Integer.parseInt(args.getOrDefault("points", "5000"));
        int units = Integer.parseInt(args.getOrDefault("units", "5"));
        String interval = args.getOrDefault("interval", "250ms");
        int seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        System.out.printf(Locale.ROOT, "modbus-poll: %d points on %d units, poll every %s, %d s per run%n",
                points, units, interval, seconds);
        System.out.println("| block reads | requests/s | registers/request | samples/s | target samples/s | CPU (of 2 cores) |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (boolean merged : new boolean[] {true, false}) {
            Result result = run(points, units, interval, seconds, merged);
            System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %,.0f | %,.0f | %.0f %% |%n",
                    merged ? "merged (maxGap 16)" : "off (maxGap 0, maxBlock 2)", result.requestsPerSecond, result.registersPerRequest,
                    result.samplesPerSecond, result.targetSamplesPerSecond, result.cpuPercent);
        }
    }

    private record Result(double requestsPerSecond, double registersPerRequest, double samplesPerSecond,
                          double targetSamplesPerSecond, double cpuPercent) {}

    private static Result run(int pointCount, int units, String interval, int seconds, boolean merged) throws Exception {
        DriverFactory factory = DriverFactories.discover().get("modbus");
        if (factory == null) throw new IllegalStateException("the modbus driver is not on the class path");
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
        try (CountingModbusDevice device = new CountingModbusDevice(units)) {
            Controller controller = controller(pointCount, units, interval, merged, device.port());
            factory.validate(controller);
            LongAdder samples = new LongAdder();
            java.util.Map<SampleStatus, LongAdder> bad = new java.util.concurrent.ConcurrentHashMap<>();
            try (Driver driver = factory.create(new DriverContext(controller, (point, sample) -> {
                if (sample.status() == SampleStatus.GOOD) samples.increment();
                else bad.computeIfAbsent(sample.status(), status -> new LongAdder()).increment();
            }, scheduler, Clock.systemUTC()))) {
                controller.points().forEach(driver::advise);
                Thread.sleep(3_000); // warm-up: connection, JIT, first polls
                long requests0 = device.requests.sum();
                long registers0 = device.registers.sum();
                long samples0 = samples.sum();
                long cpu0 = cpuNanos();
                long start = System.nanoTime();
                Thread.sleep(Duration.ofSeconds(seconds));
                double elapsed = (System.nanoTime() - start) / 1e9;
                long requests = device.requests.sum() - requests0;
                long registers = device.registers.sum() - registers0;
                double cpu = (cpuNanos() - cpu0) / 1e9 / elapsed / Runtime.getRuntime().availableProcessors() * 100;
                if (!bad.isEmpty()) System.out.printf(Locale.ROOT, "  (samples that were not good: %s)%n", bad);
                double target = pointCount / (parseMillis(interval) / 1000.0);
                return new Result(requests / elapsed, requests == 0 ? 0 : (double) registers / requests,
                        (samples.sum() - samples0) / elapsed, target, cpu);
            }
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static Controller controller(int pointCount, int units, String interval, boolean merged, int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("host", "127.0.0.1");
        settings.put("port", String.valueOf(port));
        settings.put("pollFast", interval);
        settings.put("timeout", "2s");
        if (!merged) {
            settings.put("maxGap", "0");
            settings.put("maxBlock", "2"); // a float32 still fits; neighbours are no longer merged
        }
        List<Point> points = new ArrayList<>();
        int perUnit = (pointCount + units - 1) / units;
        for (int i = 0; i < pointCount; i++) {
            int unit = 1 + i / perUnit;
            int register = 2 * (i % perUnit);
            Map<String, String> options = new LinkedHashMap<>();
            options.put("register", "holding:" + register);
            options.put("unitId", String.valueOf(unit));
            options.put("poll", "fast");
            if (i % 10 == 9) options.put("format", "float32");
            points.add(new Point("P" + i, i % 10 == 9 ? PointType.REAL : PointType.INTEGER, "", false, null, null, "",
                    options, new SourceRef("bench", i + 1)));
        }
        return new Controller("Bench", "modbus-poll", "modbus", settings, points, new SourceRef("bench", 1));
    }

    private static long parseMillis(String duration) {
        return io.vakt.core.driver.support.Durations.parse(duration).orElseThrow().toMillis();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
