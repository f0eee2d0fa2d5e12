package io.vakt.scripting.engine;

import org.graalvm.polyglot.Source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The JavaScript half of the runtime ({@code ssf-prelude.js} beside the API classes), loaded once per JVM as
 * an internal source: internal sources neither count against the statement limit nor show in the stack
 * traces scripts see.
 */
final class Prelude {
    private static final String RESOURCE = "/io/vakt/scripting/ssf-prelude.js";
    private static final Source SOURCE = load();

    private Prelude() {}

    static Source source() { return SOURCE; }

    private static Source load() {
        try (InputStream in = Prelude.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "vakt-prelude.js").internal(true).buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
