package io.vakt.bench.wamp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one SSF client process opens and calls; {@link SsfCallBench} writes these flags, {@link SsfLoadClient}
 * reads them.
 *
 * @param procedure the account's {@code ssf.execute} URI
 * @param path      the Base64 path of the code that exports {@code function}
 * @param loops     event loops of this process
 */
record SsfClientOptions(URI url, String authid, String serializer, String bind, int callers, int inflight,
                        String procedure, String path, String function, Duration warmup, Duration duration, int loops) {
    private static final Set<String> FLAGS = Set.of("url", "authid", "serializer", "bind", "callers", "inflight",
            "procedure", "path", "function", "warmup", "duration", "loops");

    static SsfClientOptions parse(String[] args) {
        Flags flags = Flags.parse(List.of(args), FLAGS);
        return new SsfClientOptions(URI.create(flags.string("url", "")), flags.string("authid", ""),
                flags.string("serializer", "msgpack"), flags.string("bind", "127.0.0.1"), flags.integer("callers", 0),
                flags.integer("inflight", 1), flags.string("procedure", ""), flags.string("path", ""),
                flags.string("function", ""), flags.duration("warmup", Duration.ZERO),
                flags.duration("duration", Duration.ofSeconds(10)), flags.integer("loops", 1));
    }

    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        add(args, "url", url);
        add(args, "authid", authid);
        add(args, "serializer", serializer);
        add(args, "bind", bind);
        add(args, "callers", callers);
        add(args, "inflight", inflight);
        add(args, "procedure", procedure);
        add(args, "path", path);
        add(args, "function", function);
        add(args, "warmup", warmup.toMillis() + "ms");
        add(args, "duration", duration.toMillis() + "ms");
        add(args, "loops", loops);
        return args;
    }

    private static void add(List<String> args, String name, Object value) {
        args.add("--" + name);
        args.add(String.valueOf(value));
    }
}
