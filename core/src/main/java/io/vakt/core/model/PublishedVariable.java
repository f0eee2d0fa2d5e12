package io.vakt.core.model;

import io.vakt.core.access.AccessLevel;

import java.util.Objects;

/**
 * One entry of a published variable list with the attributes of the Published Variables tool (spec §9):
 * {@code variable} is the raw text ({@code *AHU1.GT11}); {@link #binding()} is its parsed form, or null
 * when the entry is not bound to a controller variable.
 */
public record PublishedVariable(String name, String title, String description, String unit, String variable,
                                Binding binding, boolean writable, AccessLevel readAccess,
                                AccessLevel writeAccess, String comment, String visualFilter, SourceRef source) {
    public PublishedVariable {
        Objects.requireNonNull(name, "name");
        title = title == null ? name : title;
        description = description == null ? "" : description;
        unit = unit == null ? "" : unit;
        variable = variable == null ? "" : variable;
        readAccess = readAccess == null ? AccessLevel.Guest : readAccess;
        writeAccess = writeAccess == null ? AccessLevel.Operator : writeAccess;
        comment = comment == null ? "" : comment;
        visualFilter = visualFilter == null ? "1" : visualFilter;
        source = source == null ? SourceRef.UNKNOWN : source;
    }

    public AdvisedElement advised() { return new AdvisedElement(binding, writable, readAccess, writeAccess); }
}
