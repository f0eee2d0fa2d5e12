package io.vakt.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An element of a view's content tree: a type, attributes in document order (the update algorithm
 * addresses attributes by position, spec §5.2) and child elements.
 */
public record ViewElement(String type, Map<String, String> attributes, List<ViewElement> children) {
    public ViewElement {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }
}
