package io.vakt.graphql.support;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.model.Point;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A driver whose samples the test pushes by hand. Remembers what is advised, takes writes to writable points
 * (publishing them like a controller would) and reads back the last value written or pushed.
 */
public final class TestDriver implements Driver {
    private final DriverContext context;
    private final Set<String> advised = ConcurrentHashMap.newKeySet();
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

    TestDriver(DriverContext context) { this.context = context; }

    public String controller() { return context.controller().name(); }

    /** Reports a good value of {@code point}, stamped with the fixture's clock. */
    public void push(String point, Object value) { push(point, Sample.good(value, context.clock().instant())); }

    public void push(String point, Object value, Instant time) { push(point, Sample.good(value, time)); }

    public void push(String point, Sample sample) {
        Point target = point(point);
        if (sample.status() == SampleStatus.GOOD && sample.value() != null) values.put(key(target), sample.value());
        context.sink().accept(target, sample);
    }

    /** Points currently advised, lower-cased. */
    public Set<String> advised() { return Set.copyOf(advised); }

    /** "advise X" / "unadvise X" in call order. */
    public List<String> log() { synchronized (log) { return List.copyOf(log); } }

    public Object value(String point) { return values.get(point.toLowerCase(Locale.ROOT)); }

    private Point point(String address) {
        return context.controller().point(address)
                .orElseThrow(() -> new IllegalArgumentException(controller() + " has no point " + address));
    }

    private static String key(Point point) { return point.address().toLowerCase(Locale.ROOT); }

    @Override
    public void advise(Point point) {
        advised.add(key(point));
        log.add("advise " + point.address());
    }

    @Override
    public void unadvise(Point point) {
        advised.remove(key(point));
        log.add("unadvise " + point.address());
    }

    @Override
    public CompletionStage<Sample> read(Point point) {
        return CompletableFuture.completedFuture(Sample.good(values.get(key(point)), context.clock().instant()));
    }

    @Override
    public CompletionStage<Void> write(Point point, Object value) {
        if (!point.writable()) return CompletableFuture.failedFuture(Fault.NOT_WRITABLE.exception(point.address()));
        values.put(key(point), value);
        log.add("write " + point.address() + "=" + value);
        if (advised.contains(key(point))) context.sink().accept(point, Sample.good(value, context.clock().instant()));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() { }
}
