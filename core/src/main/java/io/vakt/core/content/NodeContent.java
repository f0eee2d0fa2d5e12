package io.vakt.core.content;

import tools.jackson.databind.JsonNode;

/**
 * The JSON content of a node file ({@code node.content}, {@code data.content}) and its hash. The hash
 * changes whenever the content does, which is how clients know to reload it (spec §5.1).
 */
public record NodeContent(JsonNode content, String hash) {
}
