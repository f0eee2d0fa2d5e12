package io.vakt.core.project;

import io.vakt.core.model.SourceRef;

import java.util.ArrayList;
import java.util.List;

/** Errors and warnings found while loading, kept in the order found so every one can be reported at once. */
final class Problems {
    private final List<ProjectException> errors = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    void error(SourceRef at, String message) { errors.add(new ProjectException(at, message)); }

    void add(ProjectException error) { errors.add(error); }

    void warn(SourceRef at, String message) { warnings.add(at + ": " + message); }

    int errorCount() { return errors.size(); }

    boolean hasErrors() { return !errors.isEmpty(); }

    List<ProjectException> errors() { return List.copyOf(errors); }

    List<String> warnings() { return List.copyOf(warnings); }
}
