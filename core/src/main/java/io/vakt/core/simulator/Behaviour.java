package io.vakt.core.simulator;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * How a simulated point moves from one tick to the next, as its {@code sim} option says. Values are
 * computed as doubles; the driver rounds them to the point's type afterwards.
 */
sealed interface Behaviour {

    /** The next value, given the current one. */
    double next(double current, Step step);

    /** Whether the first tick should jump straight to the target instead of lagging from the initial value. */
    default boolean snapsToTarget() { return false; }

    /**
     * What one tick knows: the simulated seconds since the last tick, simulated and real local time, the
     * noise source and the current values of the controller's points (by index).
     */
    record Step(double dt, ZonedDateTime simulated, ZonedDateTime real, RandomGenerator random, Values values) {

        /** Simulated local time as seconds on a continuous scale whose days start at local midnight. */
        double localSeconds() {
            return simulated.toLocalDateTime().toEpochSecond(ZoneOffset.UTC) + simulated.getNano() / 1e9;
        }
    }

    /** Current values of the controller's points, by index in the controller's point list. */
    @FunctionalInterface
    interface Values {
        double of(int index);
    }

    /** A number or the current value of another point of the same controller. */
    sealed interface Source {
        double value(Step step);
    }

    record Constant(double number) implements Source {
        @Override
        public double value(Step step) { return number; }
    }

    record PointRef(int index, String address) implements Source {
        @Override
        public double value(Step step) { return step.values().of(index); }
    }

    /** First-order lag towards {@code target} with time constant {@code tau}, plus Gaussian noise. */
    static double lag(double current, double target, double tau, double noise, Step step) {
        if (step.dt() <= 0) return current;
        double factor = tau <= 0 ? 1 : 1 - Math.exp(-step.dt() / tau);
        double next = current + (target - current) * factor;
        return noise > 0 ? next + noise * step.random().nextGaussian() : next;
    }

    /** Keeps the initial or written value. */
    record Hold() implements Behaviour {
        @Override
        public double next(double current, Step step) { return current; }
    }

    /** Lags towards a target (room and supply temperatures towards their setpoints). */
    record Drift(Source target, double tau, double noise) implements Behaviour {
        @Override
        public double next(double current, Step step) { return lag(current, target.value(step), tau, noise, step); }

        @Override
        public boolean snapsToTarget() { return true; }
    }

    /** Lags towards {@code gain · source + offset} (fan speed after its command, valve after demand). */
    record Follow(Source source, double gain, double offset, double tau, double noise) implements Behaviour {
        @Override
        public double next(double current, Step step) {
            return lag(current, gain * source.value(step) + offset, tau, noise, step);
        }

        @Override
        public boolean snapsToTarget() { return true; }
    }

    /** 1 from {@code on} to {@code off} (seconds of the local day) on the given days, else 0; may span midnight. */
    record Schedule(int on, int off, Set<DayOfWeek> days) implements Behaviour {
        public Schedule {
            days = Set.copyOf(days);
        }

        @Override
        public double next(double current, Step step) {
            ZonedDateTime time = step.simulated();
            int second = time.toLocalTime().toSecondOfDay();
            DayOfWeek day = time.getDayOfWeek();
            boolean inside = on < off
                    ? days.contains(day) && second >= on && second < off
                    : days.contains(day) && second >= on || days.contains(day.minus(1)) && second < off;
            return inside ? 1 : 0;
        }
    }

    /** Integrates a rate per {@code perSeconds} (energy from power); negative rates count as zero. */
    record Counter(Source rate, double perSeconds) implements Behaviour {
        @Override
        public double next(double current, Step step) {
            return current + Math.max(0, rate.value(step)) * step.dt() / perSeconds;
        }
    }

    /** A sinusoid between min and max, lowest at {@code phase} (seconds into each period), highest half a period later. */
    record Wave(double min, double max, double period, double phase) implements Behaviour {
        @Override
        public double next(double current, Step step) {
            double angle = 2 * Math.PI * ((step.localSeconds() - phase) % period) / period;
            return (min + max) / 2 - (max - min) / 2 * Math.cos(angle);
        }
    }

    /** A random walk inside [min, max]; {@code step} is the standard deviation per simulated second. */
    record Walk(double min, double max, double step) implements Behaviour {
        @Override
        public double next(double current, Step tick) {
            if (tick.dt() <= 0) return current;
            double next = current + step * Math.sqrt(tick.dt()) * tick.random().nextGaussian();
            // reflect at the bounds so the walk does not stick to them
            if (next > max) next = 2 * max - next;
            if (next < min) next = 2 * min - next;
            return Math.min(max, Math.max(min, next));
        }
    }

    /** Fields of the real-time clock; {@code millis} is the epoch time of the sample, for latency measurements. */
    record Clock(Field field) implements Behaviour {
        enum Field { SECOND, MINUTE, HOUR, MILLIS }

        @Override
        public double next(double current, Step step) {
            ZonedDateTime real = step.real();
            return switch (field) {
                case SECOND -> real.getSecond();
                case MINUTE -> real.getMinute();
                case HOUR -> real.getHour();
                case MILLIS -> real.toInstant().toEpochMilli();
            };
        }
    }

    /** Alternates between 0 and 1, each lasting {@code period} seconds of simulated time. */
    record Toggle(double period) implements Behaviour {
        @Override
        public double next(double current, Step step) {
            return Math.floorMod((long) Math.floor(step.localSeconds() / period), 2L);
        }
    }
}
