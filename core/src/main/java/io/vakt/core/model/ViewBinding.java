package io.vakt.core.model;

import io.vakt.core.access.AccessLevel;

import java.util.List;

/**
 * A binding of a view: the element it feeds (child indexes from the view root, as in {@code ElementRefs}),
 * the position of the attribute that receives the value, and the variable with its access rules.
 */
public record ViewBinding(List<Integer> childPath, int attributeIndex, Binding binding, boolean writable,
                          AccessLevel readAccess, AccessLevel writeAccess, SourceRef source) {
    public ViewBinding {
        childPath = List.copyOf(childPath);
        readAccess = readAccess == null ? AccessLevel.Guest : readAccess;
        writeAccess = writeAccess == null ? AccessLevel.Operator : writeAccess;
    }

    public AdvisedElement advised() { return new AdvisedElement(binding, writable, readAccess, writeAccess); }
}
