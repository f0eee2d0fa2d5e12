package io.vakt.driver.modbus;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleSink;
import io.vakt.core.driver.support.AdvisedPoints;
import io.vakt.core.driver.support.PeerLink;
import io.vakt.core.driver.support.SampleValues;
import io.vakt.core.model.Point;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Polls the advised points of one controller: one timer per poll group on the assembly's scheduler; each
 * tick reads the group's blocks through the link (one request in flight) and publishes every result. A
 * tick is skipped while the group's previous cycle is still under way, so a slow or silent device never
 * piles up requests.
 */
final class Poller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    /** How long a burst of advises is gathered into one cycle. */
    private static final java.time.Duration ADVISE_COALESCING = java.time.Duration.ofMillis(20);

    /** A group's read plan, valid for one generation of the advised set and of the points read alone. */
    private record Plan(long generation, int aloneCount, List<ReadBlock> blocks) {}

    private final String controller;
    private final ModbusSettings settings;
    private final ModbusLink link;
    private final AdvisedPoints advised;
    private final Function<Point, ModbusPoint> resolve;
    private final SampleSink sink;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final BlockPlanner planner;
    private final Set<ModbusPoint> alone = ConcurrentHashMap.newKeySet();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final Map<Poll, Plan> plans = new EnumMap<>(Poll.class);
    private final Map<Poll, Boolean> running = new EnumMap<>(Poll.class);
    /** Groups asked to poll soon (newly advised points) while a cycle was running: they poll again after it. */
    private final Set<Poll> again = java.util.EnumSet.noneOf(Poll.class);
    /** Groups with a soon-poll scheduled, so a burst of advises makes one cycle, not one request per point. */
    private final Set<Poll> soon = java.util.EnumSet.noneOf(Poll.class);
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    /** Set by {@link #close()}: answers still under way then are dropped rather than published. */
    private volatile boolean closed;

    Poller(String controller, ModbusSettings settings, ModbusLink link, AdvisedPoints advised,
           Function<Point, ModbusPoint> resolve, SampleSink sink, Clock clock, ScheduledExecutorService scheduler) {
        this.controller = controller;
        this.settings = settings;
        this.link = link;
        this.advised = advised;
        this.resolve = resolve;
        this.sink = sink;
        this.clock = clock;
        this.scheduler = scheduler;
        this.planner = new BlockPlanner(settings);
    }

    /** Starts the timers of the groups that have points. */
    synchronized void start(Set<Poll> groups) {
        for (Poll group : groups) {
            long period = settings.intervals().get(group).toMillis();
            timers.add(scheduler.scheduleAtFixedRate(() -> tick(group), period, period, TimeUnit.MILLISECONDS));
        }
    }

    /**
     * Newly advised points of {@code group} get their first value without waiting for the group's timer: one
     * cycle shortly after (a page advising a hundred points at once gets a few block reads, not a hundred
     * single ones), or right after the cycle under way.
     */
    void pollSoon(Poll group) {
        synchronized (this) {
            if (closed || !soon.add(group)) return;
        }
        try {
            scheduler.schedule(() -> {
                synchronized (this) {
                    soon.remove(group);
                }
                tick(group, true);
            }, ADVISE_COALESCING.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (this) {
                soon.remove(group);
            }
        }
    }

    /** Polls every group now (after connecting), whether or not its timer is due. */
    void pollAll() {
        for (Poll group : Poll.values()) tick(group);
    }

    private void tick(Poll group) { tick(group, false); }

    private void tick(Poll group, boolean requested) {
        try {
            List<ReadBlock> blocks;
            synchronized (this) {
                if (Boolean.TRUE.equals(running.get(group))) {
                    if (requested) again.add(group);
                    return;
                }
                blocks = plan(group);
                if (blocks.isEmpty()) return;
                running.put(group, true);
            }
            pollInTurn(blocks).whenComplete((ignored, failure) -> finished(group));
        } catch (RuntimeException e) {
            // an exception would cancel the periodic task and freeze the controller's values
            log.error("modbus poll of controller {} failed", controller, e);
            finished(group);
        }
    }

    private void finished(Poll group) {
        boolean repeat;
        synchronized (this) {
            running.put(group, false);
            repeat = again.remove(group) && !closed;
        }
        if (repeat) runSoon(() -> tick(group, false));
    }

    private List<ReadBlock> plan(Poll group) {
        long generation = advised.generation();
        Plan plan = plans.get(group);
        if (plan != null && plan.generation() == generation && plan.aloneCount() == alone.size()) return plan.blocks();
        List<ModbusPoint> points = new ArrayList<>();
        for (Point point : advised.snapshot()) {
            ModbusPoint modbus = resolve.apply(point);
            if (modbus != null && modbus.poll() == group) points.add(modbus);
        }
        List<ReadBlock> blocks = planner.plan(points, alone);
        plans.put(group, new Plan(generation, alone.size(), blocks));
        return blocks;
    }

    /**
     * Reads the blocks one after the other: a cycle has one request in the link's queue at a time, however many
     * blocks a large gateway needs, so the queue's bound stays for reads and writes from clients.
     */
    private CompletionStage<Void> pollInTurn(List<ReadBlock> blocks) {
        CompletionStage<Void> cycle = CompletableFuture.completedFuture(null);
        for (ReadBlock block : blocks) {
            cycle = cycle.thenCompose(ignored -> closed ? CompletableFuture.completedFuture(null) : poll(block));
        }
        return cycle;
    }

    /** Reads one block and publishes what it says about each of its points. */
    CompletionStage<Void> poll(ReadBlock block) {
        return link.submit(client -> ModbusRequests.read(client, block)).handle((data, failure) -> {
            Instant now = clock.instant();
            if (failure == null) {
                for (ModbusPoint point : block.points()) publish(point, sample(point, block, data, now));
                return CompletableFuture.<Void>completedFuture(null);
            }
            return failed(block, ModbusProblem.of(failure), now);
        }).thenCompose(next -> next);
    }

    /** The sample of {@code point} from a successful read of {@code block}. */
    static Sample sample(ModbusPoint point, ReadBlock block, byte[] data, Instant now) {
        double raw = ModbusRequests.raw(point, block, data);
        double value = point.format().isNumber() ? point.scaled(raw) : raw;
        return Sample.good(SampleValues.fromNumber(point.point(), value), now);
    }

    /** The sample a failed read of {@code point} stands for. */
    static Sample sample(ModbusProblem problem, Instant now) {
        return switch (problem) {
            case ModbusProblem.Refused refused -> new Sample(null, refused.status(), now);
            case ModbusProblem.TimedOut ignored -> Sample.unreachable(now);
            case ModbusProblem.Unconnected ignored -> Sample.unreachable(now);
        };
    }

    private CompletionStage<Void> failed(ReadBlock block, ModbusProblem problem, Instant now) {
        switch (problem) {
            case ModbusProblem.Refused refused when refused.code() == 0x02 && block.points().size() > 1 -> {
                // one gap inside the merged block does not exist: read these points one by one from now on
                if (reported.add("split " + block.describe())) {
                    log.info("Controller {}: {} refused a merged read of {}; reading its {} points one by one",
                            controller, settings.peer(), block.describe(), block.points().size());
                }
                alone.addAll(block.points());
                List<ReadBlock> singles = new ArrayList<>();
                for (ModbusPoint point : block.points()) singles.add(ReadBlock.of(point));
                return pollInTurn(singles);
            }
            case ModbusProblem.Refused refused -> {
                if (reported.add(block.describe() + " " + refused.code())) {
                    log.warn("Controller {}: {} answers a read of {} with {}; its points are {}", controller,
                            settings.peer(), block.describe(), refused.describe(), refused.status());
                }
                for (ModbusPoint point : block.points()) publish(point, sample(problem, now));
            }
            case ModbusProblem.TimedOut timedOut -> {
                // the unit did not answer: all its points are out of reach, not only this block's
                for (Point point : advised.snapshot()) {
                    ModbusPoint modbus = resolve.apply(point);
                    if (modbus != null && modbus.unitId() == block.unitId()) publish(modbus, Sample.unreachable(now));
                }
            }
            case ModbusProblem.Unconnected unconnected -> {
                // before the first attempt has finished the points are still Pending, not unreachable
                if (link.peerLink().state() != PeerLink.State.CONNECTING) {
                    for (ModbusPoint point : block.points()) publish(point, Sample.unreachable(now));
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    void publish(ModbusPoint point, Sample sample) {
        if (!closed && advised.isAdvised(point.point())) sink.accept(point.point(), sample);
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (ScheduledFuture<?> timer : timers) timer.cancel(false);
        timers.clear();
    }

    /** Schedules {@code task} now on the scheduler; false when the assembly is shutting down. */
    boolean runSoon(Runnable task) {
        try {
            scheduler.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
