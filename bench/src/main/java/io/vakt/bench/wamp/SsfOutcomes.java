package io.vakt.bench.wamp;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What {@link Measurements} does not say about SSF calls: which ERROR URIs came back (a
 * {@code vakt.error.limit_exceeded} means the queue in front of the contexts overflowed, a
 * {@code wamp.error.not_authorized} that the benchmark's sign-in is wrong) and how many RESULTs carried a
 * wrong sum. Counted over the whole run: any of them makes the figures suspect, warm-up or not.
 */
final class SsfOutcomes {
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder wrongResults = new LongAdder();

    void error(String uri) { errors.computeIfAbsent(uri, key -> new LongAdder()).increment(); }

    void wrongResult() { wrongResults.increment(); }

    long wrongResults() { return wrongResults.sum(); }

    Map<String, Long> errorsByUri() {
        Map<String, Long> copy = new TreeMap<>();
        errors.forEach((uri, count) -> copy.put(uri, count.sum()));
        return copy;
    }
}
