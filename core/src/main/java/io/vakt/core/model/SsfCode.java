package io.vakt.core.model;

/**
 * ServerSideFunction code found in the project, registered under the node path of the file that owns it
 * (a view) or the folder id of its area. Loaded with the project; run by the scripting module.
 *
 * @param ownerPath dotted path of the owner (a view's node path or an area's folder path), not Base64
 * @param code      the function body whose last statement is {@code return { … }}
 */
public record SsfCode(String ownerPath, String code, SourceRef source) {
}
