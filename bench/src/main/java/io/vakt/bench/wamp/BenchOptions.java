package io.vakt.bench.wamp;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The command line of {@code ./vakt bench wamp-calls|wamp-events}, with the limits that keep a run bounded
 * and within one process's 20,000 open files.
 */
record BenchOptions(Scenario scenario, int callers, int callees, int inflight, int publishers, int subscribers,
                    double rate, int payload, String serializer, int processes, Duration duration, Duration warmup,
                    int serverLoops, int clientLoops) {
    static final int MAX_SESSIONS_PER_PROCESS = 9_000;
    private static final Set<String> COMMON = Set.of("payload", "serializer", "processes", "duration", "warmup",
            "event-loops", "client-loops");

    enum Scenario {
        CALLS("wamp-calls", Set.of("callers", "callees", "inflight")),
        EVENTS("wamp-events", Set.of("publishers", "subscribers", "rate"));

        final String word;
        final Set<String> flags;

        Scenario(String word, Set<String> flags) {
            this.word = word;
            this.flags = flags;
        }

        static Scenario of(String word) {
            for (Scenario scenario : values()) if (scenario.word.equals(word)) return scenario;
            throw new IllegalArgumentException("unknown scenario " + word + ": wamp-calls or wamp-events");
        }
    }

    static BenchOptions parse(String[] args) {
        if (args.length == 0) throw new IllegalArgumentException("name a scenario: wamp-calls or wamp-events");
        Scenario scenario = Scenario.of(args[0]);
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.addAll(scenario.flags);
        Flags flags = Flags.parse(List.of(args).subList(1, args.length), allowed);
        boolean calls = scenario == Scenario.CALLS;
        BenchOptions options = new BenchOptions(scenario,
                calls ? flags.integer("callers", 8) : 0, calls ? flags.integer("callees", 1) : 0,
                calls ? flags.integer("inflight", 8) : 0,
                calls ? 0 : flags.integer("publishers", 1), calls ? 0 : flags.integer("subscribers", 100),
                calls ? 0 : flags.number("rate", 1000), flags.integer("payload", 64), flags.string("serializer", "msgpack"),
                flags.integer("processes", 2), flags.duration("duration", Duration.ofSeconds(30)),
                flags.duration("warmup", Duration.ofSeconds(10)), flags.integer("event-loops", 2),
                flags.integer("client-loops", 1));
        options.check();
        return options;
    }

    private void check() {
        SerializerChoice.of(serializer);
        require(processes >= 1 && processes <= 250, "--processes is 1 … 250 (source addresses 127.0.0.2 … 127.0.0.251)");
        require(sessions() > 0, "no sessions to open");
        require((sessions() + processes - 1) / processes <= MAX_SESSIONS_PER_PROCESS,
                "at most " + MAX_SESSIONS_PER_PROCESS + " sessions per process: use more --processes");
        require(scenario != Scenario.CALLS || (callers > 0 && callees > 0), "wamp-calls needs --callers and --callees above 0");
        require(scenario != Scenario.EVENTS || (publishers > 0 && subscribers > 0), "wamp-events needs --publishers and --subscribers above 0");
        // the router refuses more than 1,000 pending calls per session (WampConfig.maxPendingCallsPerSession)
        require(inflight >= 0 && inflight <= 1_000, "--inflight is 1 … 1000");
        require(rate >= 0 && rate <= 100_000, "--rate is 0 … 100000 per publisher per second");
        require(payload >= 0 && payload <= 512 * 1024, "--payload is 0 … 524288 bytes (the router's message limit is 1 MiB)");
        require(!duration.isNegative() && duration.compareTo(Duration.ofMinutes(10)) <= 0, "--duration is at most 10m");
        require(!warmup.isNegative() && warmup.compareTo(Duration.ofMinutes(5)) <= 0, "--warmup is at most 5m");
        require(serverLoops >= 1 && serverLoops <= 16 && clientLoops >= 1 && clientLoops <= 16, "event loops are 1 … 16");
    }

    int sessions() { return callers + callees + publishers + subscribers; }

    /** Process {@code index}'s share of {@code total}: as even as possible, the first ones take the remainder. */
    int share(int total, int index) { return total / processes + (index < total % processes ? 1 : 0); }

    private static void require(boolean condition, String message) {
        if (!condition) throw new IllegalArgumentException(message);
    }
}
