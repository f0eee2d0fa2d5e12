package io.vakt.core.model;

/** Where something was defined in the project folder: a file relative to the project root, and a line. */
public record SourceRef(String file, int line) {
    public static final SourceRef UNKNOWN = new SourceRef("?", 0);

    @Override
    public String toString() { return line > 0 ? file + ":" + line : file; }
}
