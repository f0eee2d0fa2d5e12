package io.vakt.graphql;

import graphql.GraphQLContext;
import io.vakt.core.access.Principal;

/**
 * Who runs a GraphQL operation and from where; carried in the {@link GraphQLContext} of every execution
 * so data fetchers apply the user's access levels and the audit log names the client.
 */
public record RequestContext(Principal principal, String clientAddress) {
    static final String KEY = RequestContext.class.getName();

    public static RequestContext of(GraphQLContext context) {
        RequestContext request = context.get(KEY);
        if (request == null) throw new IllegalStateException("GraphQL execution without a RequestContext");
        return request;
    }
}
