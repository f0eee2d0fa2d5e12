package io.vakt.graphql;

/**
 * Limits of the GraphQL engine.
 *
 * @param maxQueryDepth      deepest selection accepted (graphql-java 26 validates depth and field count)
 * @param maxFieldsCount     most fields in one operation after fragment expansion
 * @param maxQueryLength     longest document accepted, in characters, checked before parsing
 * @param minPollingInterval seconds reported by {@code data { minPollingInterval }}
 */
public record GraphqlConfig(int maxQueryDepth, int maxFieldsCount, int maxQueryLength, int minPollingInterval) {
    public static GraphqlConfig defaults() { return new GraphqlConfig(30, 5_000, 100_000, 10); }
}
