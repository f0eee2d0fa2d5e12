package io.vakt.driver.modbus;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.AdvisedPoints;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.SampleValues;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Modbus TCP controller: one connection (to a device, or to a gateway with several unit ids), the
 * advised points polled in merged blocks per poll group, reads and writes through the same one-at-a-time
 * request queue. See {@link ModbusDriverFactory} for the settings and point options.
 */
final class ModbusDriver implements Driver, ModbusLink.Listener {
    private final DriverContext context;
    private final Controller controller;
    private final ModbusSettings settings;
    private final Map<String, ModbusPoint> points = new HashMap<>();
    private final AdvisedPoints advised = new AdvisedPoints();
    private final ModbusLink link;
    private final Poller poller;

    ModbusDriver(DriverContext context) {
        this.context = context;
        this.controller = context.controller();
        this.settings = ModbusSettings.of(controller);
        for (Point point : controller.points()) points.put(key(point), ModbusPoint.of(point, settings));
        this.link = new ModbusLink(controller.name(), settings, context.scheduler(), context.clock(), this);
        this.poller = new Poller(controller.name(), settings, link, advised, this::resolve, context.sink(),
                context.clock(), context.scheduler());
    }

    void start() {
        Set<Poll> groups = EnumSet.noneOf(Poll.class);
        for (ModbusPoint point : points.values()) groups.add(point.poll());
        poller.start(groups);
        link.start();
    }

    @Override
    public void advise(Point point) {
        ModbusPoint modbus = resolve(point);
        if (modbus == null) {
            context.sink().accept(point, new Sample(null, SampleStatus.NOT_EXIST, context.clock().instant()));
            return;
        }
        if (!advised.advise(point)) return;
        if (link.isUp()) {
            // the first value as soon as the device answers, not at the group's next tick
            poller.pollSoon(modbus.poll());
        } else if (link.peerLink().state() == PeerLink.State.DOWN) {
            context.sink().accept(point, Sample.unreachable(context.clock().instant()));
        }
    }

    @Override
    public void unadvise(Point point) {
        advised.unadvise(point);
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        ModbusPoint modbus = resolve(point);
        if (modbus == null) {
            return CompletableFuture.completedFuture(new Sample(null, SampleStatus.NOT_EXIST, context.clock().instant()));
        }
        ReadBlock block = ReadBlock.of(modbus);
        return link.submit(client -> ModbusRequests.read(client, block)).handle((data, failure) -> failure == null
                ? Poller.sample(modbus, block, data, context.clock().instant())
                : Poller.sample(ModbusProblem.of(failure), context.clock().instant()));
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        ModbusPoint modbus = resolve(point);
        if (modbus == null) {
            return CompletableFuture.failedFuture(Fault.NOT_FOUND.exception(
                    "controller " + controller.name() + " has no point " + point.address()));
        }
        String name = controller.name() + "." + modbus.point().address();
        if (!modbus.point().writable() || !modbus.table().writable()) {
            return CompletableFuture.failedFuture(Fault.NOT_WRITABLE.exception(name + " is not writable"));
        }
        CompletionStage<Void> sent;
        try {
            sent = send(modbus, SampleValues.toNumber(value), name);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return sent.exceptionallyCompose(failure -> CompletableFuture.failedFuture(switch (ModbusProblem.of(failure)) {
            case ModbusProblem.Refused refused -> Fault.WRITE_FAILED.exception(name + ": " + refused.describe());
            case ModbusProblem.TimedOut timedOut -> Fault.UNREACHABLE.exception(name + ": " + timedOut.describe());
            case ModbusProblem.Unconnected down -> Fault.UNREACHABLE.exception(name + ": " + down.describe());
        }));
    }

    /** Function 5 for a coil, read-modify-write for a register bit, 6 or 16 for register numbers. */
    private CompletionStage<Void> send(ModbusPoint point, double value, String name) {
        int unit = point.unitId();
        int address = point.address();
        return switch (point.format()) {
            case BOOL -> link.submit(client -> ModbusRequests.writeCoil(client, unit, address, value != 0));
            case BIT -> link.submit(client -> ModbusRequests.read(client, unit, Table.HOLDING, address, 1)
                    .thenCompose(data -> {
                        // the bit is numbered in the register as the point's order reads it
                        byte[] ordered = point.order().rearrange(new byte[] {data[0], data[1]});
                        int logical = (ordered[0] & 0xFF) << 8 | (ordered[1] & 0xFF);
                        int changed = RegisterCodec.withBit(logical, point.bit(), value != 0);
                        byte[] wire = point.order().rearrange(new byte[] {(byte) (changed >> 8), (byte) changed});
                        if (changed == logical) return CompletableFuture.<Void>completedFuture(null);
                        return ModbusRequests.writeRegisters(client, unit, address, wire, settings.writeMultiple());
                    }));
            default -> {
                byte[] wire;
                try {
                    wire = RegisterCodec.encode(point.format(), point.order(), point.raw(value));
                } catch (IllegalArgumentException e) {
                    throw Fault.OUT_OF_RANGE.exception(name + ": " + e.getMessage()
                            + (point.scale() != 1 || point.offset() != 0 ? " after scale and offset" : ""));
                }
                yield link.submit(client -> ModbusRequests.writeRegisters(client, unit, address, wire,
                        settings.writeMultiple() || point.format().registers() > 1));
            }
        };
    }

    /** The connection is back: poll everything now rather than at each group's next tick. */
    @Override
    public void connected() {
        poller.runSoon(poller::pollAll);
    }

    @Override
    public void lost(String reason) {
        advised.publishAll(context.sink(), Sample.unreachable(context.clock().instant()));
    }

    private ModbusPoint resolve(Point point) { return points.get(key(point)); }

    private static String key(Point point) { return point.address().toLowerCase(Locale.ROOT); }

    @Override
    public java.util.Optional<io.vakt.core.driver.LinkStatus> status() { return java.util.Optional.of(link.peerLink().status()); }

    @Override
    public void close() {
        poller.close();
        link.close();
    }
}
