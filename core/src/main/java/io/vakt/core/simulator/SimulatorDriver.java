package io.vakt.core.simulator;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Simulates one controller. Every tick computes all points (so a fan speed follows its command even when
 * nobody watches the command) but publishes only advised points, and only on change. Outages come and go
 * at random for advised points, the way a real bus drops a node now and then.
 *
 * <p>All state sits under one lock. Samples are handed to the sink while holding it, so a value written by
 * a client can never be overtaken by an older one from a concurrent tick; the sink is non-blocking by contract.
 */
final class SimulatorDriver implements Driver {
    private static final Logger log = LoggerFactory.getLogger(SimulatorDriver.class);

    private final DriverContext context;
    private final Controller controller;
    private final SimulatorSettings settings;
    private final List<SimPoint> points = new ArrayList<>();
    private final Map<String, SimPoint> byAddress = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Separate streams, so what is advised does not change the simulated values of a seeded run. */
    private final SplittableRandom noise;
    private final SplittableRandom outages;
    private final Instant anchor;
    private Instant lastTick;
    private ScheduledFuture<?> task;
    private boolean closed;

    /** Builds the driver without starting its timer; {@link #start()} does that. */
    SimulatorDriver(DriverContext context) {
        this.context = context;
        this.controller = context.controller();
        this.settings = SimulatorSettings.of(controller);
        for (PointSpec spec : PointSpec.compile(controller)) {
            SimPoint point = new SimPoint(spec);
            points.add(point);
            byAddress.put(spec.key(), point);
        }
        long seed = settings.seed() != null ? settings.seed() : new SplittableRandom().nextLong();
        SplittableRandom root = new SplittableRandom(seed);
        this.noise = root.split();
        this.outages = root.split();
        this.anchor = context.clock().instant();
        this.lastTick = anchor;
    }

    void start() {
        long period = settings.interval().toNanos();
        lock.lock();
        try {
            if (closed || task != null) return;
            task = context.scheduler().scheduleAtFixedRate(this::scheduledTick, period, period, TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void scheduledTick() {
        try {
            tick(context.clock().instant());
        } catch (RuntimeException e) {
            // an exception would silently cancel the periodic task and freeze the controller
            log.error("simulator tick of controller {} failed", controller.name(), e);
        }
    }

    @Override
    public void advise(Point point) {
        withPoint(point, state -> {
            if (!state.advised) {
                state.advised = true;
                // like a real poll, the first value comes with the next tick; until then clients see Pending
                state.announce = true;
            }
        });
    }

    @Override
    public void unadvise(Point point) {
        withPoint(point, state -> {
            state.advised = false;
            state.announce = false;
            state.published = null;
        });
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                lock.lock();
                try {
                    SimPoint state = byAddress.get(key(point));
                    Instant now = context.clock().instant();
                    return state == null ? new Sample(null, SampleStatus.NOT_EXIST, now) : state.sample(now);
                } finally {
                    lock.unlock();
                }
            }, context.scheduler());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception("controller " + controller.name() + " is stopped"));
        }
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        SimPoint state = byAddress.get(key(point));
        if (state == null) {
            return CompletableFuture.failedFuture(Fault.NOT_FOUND.exception(
                    "controller " + controller.name() + " has no point " + point.address()));
        }
        Point target = state.spec.point();
        if (!target.writable()) {
            return CompletableFuture.failedFuture(Fault.NOT_WRITABLE.exception(name(target) + " is not writable"));
        }
        lock.lock();
        try {
            if (!state.reachable()) {
                return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception(name(target) + " is unreachable"));
            }
            Object typed = WrittenValues.convert(target, value);
            PointValues.checkRange(target, typed);
            if (typed instanceof Number number) {
                state.number = number.doubleValue();
            } else {
                state.text = String.valueOf(typed);
            }
            state.settled = true;
            if (state.advised) publish(state, state.sample(context.clock().instant()));
            return CompletableFuture.completedFuture(null);
        } catch (VaktException refused) {
            return CompletableFuture.failedFuture(refused);
        } finally {
            lock.unlock();
        }
    }

    /** One simulation step at {@code now}: every point moves, advised ones are published if they changed. */
    void tick(Instant now) {
        lock.lock();
        try {
            if (closed) return;
            ZonedDateTime simulated = simulatedTime(now).atZone(context.clock().getZone());
            double dt = Math.max(0, Duration.between(simulatedTime(lastTick), simulatedTime(now)).toNanos() / 1e9);
            lastTick = now.isAfter(lastTick) ? now : lastTick;
            Behaviour.Step step = new Behaviour.Step(dt, simulated, now.atZone(context.clock().getZone()), noise,
                    index -> points.get(index).number);
            for (SimPoint point : points) advance(point, step);
            for (SimPoint point : points) {
                updateOutage(point, now);
                if (!point.advised) continue;
                Sample sample = point.sample(now);
                if (point.announce || point.changed(sample)) publish(point, sample);
            }
        } finally {
            lock.unlock();
        }
    }

    private void advance(SimPoint point, Behaviour.Step step) {
        if (point.isString()) return;
        Behaviour behaviour = point.spec.behaviour();
        double next;
        if (!point.settled) {
            // without an initial value a lag starts at its target, not from zero
            next = behaviour.next(point.number, new Behaviour.Step(Double.POSITIVE_INFINITY, step.simulated(),
                    step.real(), step.random(), step.values()));
            point.settled = true;
        } else {
            next = behaviour.next(point.number, step);
        }
        if (Double.isFinite(next)) point.number = point.spec.clamp(next);
    }

    /** Ends outages that are over (advised or not); starts new ones only on advised points. */
    private void updateOutage(SimPoint point, Instant now) {
        if (point.unreachableUntil != null) {
            if (!now.isBefore(point.unreachableUntil)) point.unreachableUntil = null;
            return;
        }
        if (point.advised && settings.unreachableChance() > 0 && outages.nextDouble() < settings.unreachableChance()) {
            long min = settings.unreachableMin().toMillis();
            long max = settings.unreachableMax().toMillis();
            point.unreachableUntil = now.plusMillis(max > min ? outages.nextLong(min, max + 1) : min);
        }
    }

    private void publish(SimPoint point, Sample sample) {
        point.published = sample;
        point.announce = false;
        try {
            context.sink().accept(point.spec.point(), sample);
        } catch (RuntimeException e) {
            log.warn("sample sink failed for {}", name(point.spec.point()), e);
        }
    }

    private Instant simulatedTime(Instant real) {
        if (settings.timeScale() == 1.0) return real;
        long elapsed = Duration.between(anchor, real).toNanos();
        return anchor.plusNanos(Math.round(elapsed * settings.timeScale()));
    }

    private void withPoint(Point point, Consumer<SimPoint> action) {
        SimPoint state = byAddress.get(key(point));
        if (state == null) return;
        lock.lock();
        try {
            action.accept(state);
        } finally {
            lock.unlock();
        }
    }

    private String name(Point point) { return controller.name() + "." + point.address(); }

    private static String key(Point point) { return point.address().toLowerCase(Locale.ROOT); }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (task != null) task.cancel(false);
        } finally {
            lock.unlock();
        }
    }
}
