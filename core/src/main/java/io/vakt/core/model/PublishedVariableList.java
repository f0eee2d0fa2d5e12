package io.vakt.core.model;

import java.util.List;

/**
 * A published variable list ("Pvl"): the variables an area exposes to API clients. Entries with a binding
 * are advised in order of appearance.
 */
public record PublishedVariableList(String name, String title, String description, String comment,
                                    List<PublishedVariable> variables, SourceRef source) implements NodeFile {
    public PublishedVariableList {
        title = title == null || title.isBlank() ? name : title;
        description = description == null ? "" : description;
        comment = comment == null ? "" : comment;
        variables = List.copyOf(variables);
        source = source == null ? SourceRef.UNKNOWN : source;
    }

    @Override
    public List<AdvisedElement> advised() {
        return variables.stream().filter(v -> v.binding() != null).map(PublishedVariable::advised).toList();
    }

    /** Child index (in {@link #variables()}) of each advised element, in advise order. */
    public int[] advisedChildIndexes() {
        return java.util.stream.IntStream.range(0, variables.size())
                .filter(i -> variables.get(i).binding() != null).toArray();
    }

    @Override
    public String contentRoot() { return "Cwl"; }
}
