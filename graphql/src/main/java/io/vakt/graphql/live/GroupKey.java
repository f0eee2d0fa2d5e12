package io.vakt.graphql.live;

import io.vakt.core.access.AccessLevel;

/**
 * Identifies a subscription group: subscriptions to the same node, selecting the same fields, by users with
 * the same level in the node's folder, receive identical bytes.
 *
 * @param nodeKey lower-cased dotted node path (case variants of a path share a group)
 */
public record GroupKey(String nodeKey, Projection projection, AccessLevel level) {
}
