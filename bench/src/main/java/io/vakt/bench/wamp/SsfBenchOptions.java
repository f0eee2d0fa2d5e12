package io.vakt.bench.wamp;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code ./vakt bench ssf-calls}. The SSF pool settings are optional: left out, the server
 * runs with its own defaults ({@code ssf.contexts}, {@code ssf.maxConcurrentPerPath}), which is what the
 * figures should describe unless a run sets out to show the effect of changing them.
 *
 * @param contexts   {@code ssf.contexts} for the server, or 0 for its default
 * @param maxPerPath {@code ssf.maxConcurrentPerPath} for the server, or 0 for its default
 */
record SsfBenchOptions(int callers, int inflight, String serializer, int processes, Duration duration, Duration warmup,
                       Duration progress, int contexts, int maxPerPath, int serverLoops, int clientLoops) {
    static final String WORD = "ssf-calls";
    private static final Set<String> FLAGS = Set.of("callers", "inflight", "serializer", "processes", "duration",
            "warmup", "progress", "contexts", "max-per-path", "event-loops", "client-loops");

    static SsfBenchOptions parse(String[] args) {
        if (args.length == 0 || !args[0].equals(WORD)) throw new IllegalArgumentException("the scenario is " + WORD);
        Flags flags = Flags.parse(List.of(args).subList(1, args.length), FLAGS);
        SsfBenchOptions options = new SsfBenchOptions(flags.integer("callers", 1), flags.integer("inflight", 8),
                flags.string("serializer", "msgpack"), flags.integer("processes", 1),
                flags.duration("duration", Duration.ofSeconds(20)), flags.duration("warmup", Duration.ofSeconds(30)),
                flags.duration("progress", Duration.ofSeconds(5)), flags.integer("contexts", 0),
                flags.integer("max-per-path", 0), flags.integer("event-loops", 2), flags.integer("client-loops", 1));
        options.check();
        return options;
    }

    private void check() {
        SerializerChoice.of(serializer);
        require(callers >= 1 && callers <= 1_000, "--callers is 1 … 1000");
        // the router refuses more than 1,000 pending calls per session (WampConfig.maxPendingCallsPerSession)
        require(inflight >= 1 && inflight <= 1_000, "--inflight is 1 … 1000");
        require(processes >= 1 && processes <= callers, "--processes is 1 … --callers");
        require(!duration.isNegative() && duration.compareTo(Duration.ofMinutes(10)) <= 0, "--duration is at most 10m");
        require(!warmup.isNegative() && warmup.compareTo(Duration.ofMinutes(5)) <= 0, "--warmup is at most 5m");
        require(progress.compareTo(Duration.ofSeconds(1)) >= 0, "--progress is at least 1s");
        require(contexts >= 0 && contexts <= 64 && maxPerPath >= 0 && maxPerPath <= 64,
                "--contexts and --max-per-path are 1 … 64 (or left out for the server's defaults)");
        require(serverLoops >= 1 && serverLoops <= 16 && clientLoops >= 1 && clientLoops <= 16, "event loops are 1 … 16");
    }

    /** Process {@code index}'s share of the callers: as even as possible, the first ones take the remainder. */
    int share(int index) { return callers / processes + (index < callers % processes ? 1 : 0); }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
