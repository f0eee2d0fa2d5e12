package io.vakt.core.model;

/** A resolved node path: the file, the folder holding it, and its Base64 node path. */
public record NodeRef(Area area, NodeFile file, String nodePath) {
}
