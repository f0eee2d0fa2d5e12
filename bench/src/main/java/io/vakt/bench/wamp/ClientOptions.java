package io.vakt.bench.wamp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one client process opens and does; {@link WampBench} writes these flags, {@link WampLoadClient} reads
 * them.
 *
 * @param callers    sessions that each keep {@code inflight} calls outstanding
 * @param callees    sessions sharing one registration of {@code procedure}
 * @param rate       publications per second per publisher
 * @param payload    characters of padding in every call and publication
 * @param loops      event loops of this process
 */
record ClientOptions(URI url, String authid, String serializer, String bind, int callees, int callers, int inflight,
                     int publishers, int subscribers, double rate, int payload, String procedure, String topic,
                     Duration warmup, Duration duration, int loops) {
    private static final Set<String> FLAGS = Set.of("url", "authid", "serializer", "bind", "callees", "callers",
            "inflight", "publishers", "subscribers", "rate", "payload", "procedure", "topic", "warmup", "duration", "loops");

    static ClientOptions parse(String[] args) {
        Flags flags = Flags.parse(List.of(args), FLAGS);
        return new ClientOptions(URI.create(flags.string("url", "")), flags.string("authid", ""),
                flags.string("serializer", "msgpack"), flags.string("bind", "127.0.0.1"), flags.integer("callees", 0),
                flags.integer("callers", 0), flags.integer("inflight", 1), flags.integer("publishers", 0),
                flags.integer("subscribers", 0), flags.number("rate", 0), flags.integer("payload", 0),
                flags.string("procedure", ""), flags.string("topic", ""), flags.duration("warmup", Duration.ZERO),
                flags.duration("duration", Duration.ofSeconds(10)), flags.integer("loops", 1));
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "url", url.toString());
        add(args, "authid", authid);
        add(args, "serializer", serializer);
        add(args, "bind", bind);
        add(args, "callees", callees);
        add(args, "callers", callers);
        add(args, "inflight", inflight);
        add(args, "publishers", publishers);
        add(args, "subscribers", subscribers);
        add(args, "rate", rate);
        add(args, "payload", payload);
        add(args, "procedure", procedure);
        add(args, "topic", topic);
        add(args, "warmup", warmup.toMillis() + "ms");
        add(args, "duration", duration.toMillis() + "ms");
        add(args, "loops", loops);
        return args;
    }

    int sessions() { return callees + callers + publishers + subscribers; }

    private static void add(List<String> args, String name, Object value) {
        args.add("--" + name);
        args.add(String.valueOf(value));
    }
}
