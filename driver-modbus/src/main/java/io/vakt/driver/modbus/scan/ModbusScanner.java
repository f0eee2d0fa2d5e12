package io.vakt.driver.modbus.scan;

import com.digitalpetri.modbus.TimeoutScheduler;
import com.digitalpetri.modbus.client.ModbusTcpClient;
import com.digitalpetri.modbus.tcp.client.NettyTcpClientTransport;
import io.vakt.core.driver.scan.ScanProgress;
import io.vakt.core.driver.scan.ScannedController;
import io.vakt.core.driver.scan.ScannedPoint;
import io.vakt.core.model.PointType;
import io.vakt.driver.modbus.ModbusDriverFactory;
import io.vakt.driver.modbus.ModbusProblem;
import io.vakt.driver.modbus.ModbusRequests;
import io.vakt.driver.modbus.Table;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Finds what a Modbus TCP device or gateway offers: probes every requested unit id (one read of the first
 * range; any answer, even an exception response, means the unit is there; a timeout, or a gateway's
 * exception 0A/0B, means it is not), then reads every range of each present unit in blocks of the protocol's
 * maximum (125 registers, 2000 bits). A block refused with exception 02 is split in halves until the
 * addresses that exist are found, so a sparse map costs a few probes per gap rather than one per address.
 *
 * <p>Bounded: at most {@link #MAX_PROBES} requests per scan; past that the scan stops and returns what it found.
 * Blocking: {@link #scan} runs on the caller's thread (the CLI's), one request at a time; the scanner owns one
 * small timer thread for the library's callbacks and stops it before returning.
 */
public final class ModbusScanner {
    /** The most requests one scan sends. */
    public static final int MAX_PROBES = 20_000;

    private final ModbusScanRequest request;
    private long done;
    private long total;

    public ModbusScanner(ModbusScanRequest request) {
        this.request = request;
    }

    /** Probes every unit id, then for units that answer, every range in blocks; reports progress and finds. */
    public List<ScannedController> scan(ScanProgress progress) throws InterruptedException {
        ScheduledThreadPoolExecutor callbacks = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "modbus-scan-" + request.host() + ":" + request.port());
            thread.setDaemon(true);
            return thread;
        });
        callbacks.setRemoveOnCancelPolicy(true);
        NettyTcpClientTransport transport = NettyTcpClientTransport.create(config -> config
                .setHostname(request.host())
                .setPort(request.port())
                .setConnectTimeout(request.timeout())
                .setConnectPersistent(false)
                .setExecutor(callbacks));
        ModbusTcpClient client = ModbusTcpClient.create(transport, config -> config
                .setRequestTimeout(request.timeout())
                .setTimeoutScheduler(TimeoutScheduler.create(callbacks, callbacks)));
        try {
            try {
                client.connectAsync().toCompletableFuture().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("cannot connect to " + request.host() + ":" + request.port() + ": "
                        + ModbusProblem.of(e).describe(), e);
            }
            return scan(client, progress);
        } finally {
            try {
                client.disconnectAsync().toCompletableFuture().get(request.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException ignored) {
                // the socket is gone either way
            }
            callbacks.shutdownNow();
        }
    }

    private List<ScannedController> scan(ModbusTcpClient client, ScanProgress progress) throws InterruptedException {
        List<ScannedController> found = new ArrayList<>();
        total = request.unitIds().size();
        for (int unit : request.unitIds()) total += blocksPerUnit();
        RegisterRange probe = request.ranges().isEmpty() ? new RegisterRange(Table.HOLDING, 0, 0) : request.ranges().getFirst();
        for (int unit : request.unitIds()) {
            if (done >= MAX_PROBES) break;
            progress.progress(done, total, "unit " + unit);
            Answer answer = probe(client, unit, probe.table(), probe.first(), 1);
            if (!answer.present()) {
                total -= blocksPerUnit();
                continue;
            }
            List<ScannedPoint> points = new ArrayList<>();
            for (RegisterRange range : request.ranges()) {
                for (int first = range.first(); first <= range.last(); first += range.table().maxPerRead()) {
                    int count = Math.min(range.table().maxPerRead(), range.last() - first + 1);
                    progress.progress(done, total, "unit " + unit + " " + range.table().label() + ":" + first);
                    explore(client, unit, range.table(), first, count, points, progress);
                }
            }
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("host", request.host());
            settings.put("port", Integer.toString(request.port()));
            settings.put("unitId", Integer.toString(unit));
            ScannedController controller = new ScannedController("Unit" + unit,
                    "Modbus unit " + unit + " at " + request.host() + ":" + request.port(), ModbusDriverFactory.NAME,
                    settings, points);
            found.add(controller);
            progress.found(controller);
        }
        progress.progress(done, total, "done");
        return found;
    }

    /** Reads a block; on exception 02 splits it in halves to find the addresses that exist. */
    private void explore(ModbusTcpClient client, int unit, Table table, int first, int count, List<ScannedPoint> points,
                         ScanProgress progress) throws InterruptedException {
        if (done >= MAX_PROBES) return;
        Answer answer = probe(client, unit, table, first, count);
        if (answer.data() != null) {
            for (int i = 0; i < count; i++) points.add(point(unit, table, first + i, answer.data(), i));
            return;
        }
        if (answer.refusedAddress() && count > 1) {
            int half = count / 2;
            total += 2;
            progress.progress(done, total, "unit " + unit + " " + table.label() + ":" + first);
            explore(client, unit, table, first, half, points, progress);
            explore(client, unit, table, first + half, count - half, points, progress);
        }
    }

    private Answer probe(ModbusTcpClient client, int unit, Table table, int first, int count) throws InterruptedException {
        done++;
        try {
            byte[] data = ModbusRequests.read(client, unit, table, first, count).toCompletableFuture().get();
            return new Answer(true, data, false);
        } catch (ExecutionException e) {
            return switch (ModbusProblem.of(e)) {
                case ModbusProblem.Refused refused when refused.code() == 0x0A || refused.code() == 0x0B ->
                        new Answer(false, null, false);
                case ModbusProblem.Refused refused -> new Answer(true, null, refused.code() == 0x02);
                case ModbusProblem.TimedOut ignored -> new Answer(false, null, false);
                case ModbusProblem.Unconnected down -> throw new IllegalStateException(
                        "lost the connection to " + request.host() + ":" + request.port() + ": " + down.describe(), e);
            };
        }
    }

    private static ScannedPoint point(int unit, Table table, int address, byte[] data, int index) {
        String sample;
        PointType type;
        if (table.bits()) {
            sample = Integer.toString((data[index / 8] >> (index % 8)) & 1);
            type = PointType.DIGITAL;
        } else {
            sample = Integer.toString((data[2 * index] & 0xFF) << 8 | (data[2 * index + 1] & 0xFF));
            type = PointType.INTEGER;
        }
        Map<String, String> options = new LinkedHashMap<>();
        options.put("register", table.label() + ":" + address);
        options.put("unitId", Integer.toString(unit));
        if (!table.bits()) options.put("format", "uint16");
        return new ScannedPoint(table.prefix() + address, type, "", false, options, "", sample);
    }

    private int blocksPerUnit() {
        int blocks = 0;
        for (RegisterRange range : request.ranges()) blocks += (range.size() + range.table().maxPerRead() - 1) / range.table().maxPerRead();
        return blocks;
    }

    /** What a probe learned: whether the unit answered at all, the data, whether it refused the address. */
    private record Answer(boolean present, byte[] data, boolean refusedAddress) {}
}
