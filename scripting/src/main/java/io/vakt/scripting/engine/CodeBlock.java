package io.vakt.scripting.engine;

import org.graalvm.polyglot.Source;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One registered version of a path's code, wrapped once as a function expression. Every context evaluates
 * the same {@link Source} instance, so the shared engine parses it only once.
 *
 * <p>The wrapper opens with <code>(function(){</code> on the code's own first line, so line numbers in syntax
 * errors and stack traces are those of the file; it closes with a newline and <code>})</code>, the newline
 * keeping a trailing {@code //} comment from swallowing the closing brace.
 *
 * @param id          unique for the life of the JVM; contexts cache a block's exports under it
 * @param path        dotted owner path
 * @param encodedPath Base64 of {@code path}
 * @param sourceName  what stack traces and error messages call the code
 */
public record CodeBlock(long id, String path, String encodedPath, String sourceName, Source source) {
    private static final AtomicLong IDS = new AtomicLong();
    static final String PREFIX = "(function(){";

    public CodeBlock {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(encodedPath, "encodedPath");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(source, "source");
    }

    public static CodeBlock wrap(String path, String encodedPath, String sourceName, String code) {
        Source source = Source.newBuilder("js", PREFIX + code + "\n})", sourceName).buildLiteral();
        return new CodeBlock(IDS.incrementAndGet(), path, encodedPath, sourceName, source);
    }
}
