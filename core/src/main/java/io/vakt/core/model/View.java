package io.vakt.core.model;

import java.util.List;

/**
 * A view: an SVG picture whose elements are bound to controller variables. {@code elements} is the content
 * tree served as {@code Cwv}; {@code bindings} are its advised elements in {@code Advise.A} order.
 */
public record View(String name, String title, String svg, List<ViewElement> elements, List<ViewBinding> bindings,
                   SourceRef source) implements NodeFile {
    public View {
        title = title == null || title.isBlank() ? name : title;
        elements = List.copyOf(elements);
        bindings = List.copyOf(bindings);
        source = source == null ? SourceRef.UNKNOWN : source;
    }

    @Override
    public List<AdvisedElement> advised() { return bindings.stream().map(ViewBinding::advised).toList(); }

    @Override
    public String contentRoot() { return "Cwv"; }
}
