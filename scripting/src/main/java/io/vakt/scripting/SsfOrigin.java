package io.vakt.scripting;

import java.time.Instant;

/** Where a code block came from, for {@code ssf.info} (admins) and for error messages. */
public sealed interface SsfOrigin {
    /** A human-readable form: {@code areas/Landskrona/area.ssf.js} or {@code service reports at 2026-…}. */
    String describe();

    /** The code's name in error messages and stack traces (a file name, or {@code <path> (registered by x)}). */
    String sourceName();

    /** A {@code .ssf.js} file of the project; {@code file} is relative to the project folder. */
    record ProjectFile(String file) implements SsfOrigin {
        @Override public String describe() { return file; }

        @Override public String sourceName() { return file; }
    }

    /** Registered over WAMP with {@code ssf.register} by a service session. */
    record Registered(String by, Instant at) implements SsfOrigin {
        @Override public String describe() { return "ssf.register by " + by + " at " + at; }

        @Override public String sourceName() { return "ssf.register by " + by; }
    }
}
