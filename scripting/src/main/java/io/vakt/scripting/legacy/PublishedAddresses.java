package io.vakt.scripting.legacy;

import io.vakt.core.model.Area;
import io.vakt.core.model.NodeFile;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.Project;
import io.vakt.core.model.TechnicalAddress;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every published occurrence of every technical address in a project: each bound entry of each published
 * variable list and view (spec §15 item 9: a bare address is reachable only where it is published). Built once;
 * immutable and thread-safe. Addresses match ignoring case, as {@link TechnicalAddress} does.
 */
public final class PublishedAddresses {
    private final Map<TechnicalAddress, List<PublishedEntry>> entries;

    public PublishedAddresses(Project project) {
        Map<TechnicalAddress, List<PublishedEntry>> found = new HashMap<>();
        collect(project, project.root(), found);
        found.replaceAll((address, list) -> List.copyOf(list));
        this.entries = Map.copyOf(found);
    }

    /**
     * Parses a variable as scripts write it: {@code Ctrl.Point}, or {@code *Ctrl.Point} as copied from a list
     * (the leading {@code *} only marks a pushed binding). Empty for anything else.
     */
    public static Optional<TechnicalAddress> parse(String variable) {
        if (variable == null) return Optional.empty();
        String text = variable.trim();
        if (text.startsWith("*")) text = text.substring(1);
        return TechnicalAddress.parse(text);
    }

    /** The occurrences of {@code address}, in folder-tree order (a folder's lists, then its views, then its sub-folders). */
    public List<PublishedEntry> of(TechnicalAddress address) { return entries.getOrDefault(address, List.of()); }

    /** How many distinct addresses are published. */
    public int size() { return entries.size(); }

    private static void collect(Project project, Area area, Map<TechnicalAddress, List<PublishedEntry>> found) {
        for (NodeFile list : area.lists()) collect(project, area, list, found);
        for (NodeFile view : area.views()) collect(project, area, view, found);
        for (Area child : area.children()) collect(project, child, found);
    }

    private static void collect(Project project, Area area, NodeFile file, Map<TechnicalAddress, List<PublishedEntry>> found) {
        NodeRef node = new NodeRef(area, file, project.nodePath(area, file));
        var advised = file.advised();
        for (int k = 0; k < advised.size(); k++) {
            // k stays the Advise.A index even where an element has no binding to index
            if (advised.get(k).binding() == null) continue;
            PublishedEntry entry = new PublishedEntry(node, k, advised.get(k));
            found.computeIfAbsent(entry.address(), a -> new ArrayList<>()).add(entry);
        }
    }
}
