package io.vakt.graphql.sse;

/** The two modes of the graphql-sse protocol (PROTOCOL.md). */
public enum SseMode {
    /** One stream per reservation carries every operation; events carry {@code {"id":…,"payload":…}}. */
    SINGLE_CONNECTION,
    /** One stream per operation; events carry the execution result itself, and the stream ends after it. */
    DISTINCT_CONNECTIONS
}
