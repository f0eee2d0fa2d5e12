package io.vakt.core.project;

import io.vakt.core.model.SourceRef;

/**
 * A problem in the project folder, naming the file and line it was found at, so an engineer can go straight
 * to it: {@code areas/Landskrona/SystemAir.pvl.yaml:14: unknown access level "Gust"}.
 */
public final class ProjectException extends RuntimeException {
    private final SourceRef source;

    public ProjectException(SourceRef source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public ProjectException(SourceRef source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    public SourceRef source() { return source; }
}
