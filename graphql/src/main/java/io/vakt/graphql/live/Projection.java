package io.vakt.graphql.live;

import java.util.List;

/**
 * What one {@code data} subscription selects, after fragments, aliases and directives are resolved by
 * graphql-java: the result key of the root field and, in order, each output key with the field it shows.
 * Two subscriptions with equal projections produce byte-identical payloads, which is what lets a
 * subscription group serialize an update once for all its members.
 */
public record Projection(String rootKey, List<Output> outputs) {
    public Projection {
        outputs = List.copyOf(outputs);
    }

    public record Output(String key, VariableField field) {}
}
