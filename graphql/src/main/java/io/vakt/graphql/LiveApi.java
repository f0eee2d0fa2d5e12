package io.vakt.graphql;

import io.vakt.core.access.AccessPolicy;
import io.vakt.core.content.ContentModel;
import io.vakt.core.live.LiveValues;
import io.vakt.core.model.Project;
import io.vakt.core.write.WriteService;

/**
 * The core services the GraphQL layer reads and writes through: one object so constructors stay short and
 * the set can grow.
 */
public record LiveApi(Project project, AccessPolicy access, ContentModel content, LiveValues hub, WriteService writes) {
}
