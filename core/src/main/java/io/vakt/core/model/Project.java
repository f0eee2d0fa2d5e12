package io.vakt.core.model;

import io.vakt.core.path.NodePaths;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded project: the account, the area tree with its files, the controllers and the ServerSideFunction
 * code. Immutable; lookups are case-insensitive (spec §3) and served from indexes built once.
 */
public final class Project {
    private final String account;
    private final String title;
    private final Area root;
    private final Map<String, Controller> controllers;
    private final List<SsfCode> serverSideFunctions;
    private final Map<String, Area> foldersByKey = new HashMap<>();
    private final Map<String, NodeRef> nodesByKey = new HashMap<>();
    private final Map<Area, Area> parents = new HashMap<>();

    public Project(String account, String title, Area root, List<Controller> controllers,
                   List<SsfCode> serverSideFunctions) {
        this.account = account;
        this.title = title == null || title.isBlank() ? account : title;
        this.root = root;
        Map<String, Controller> byName = new LinkedHashMap<>();
        for (Controller controller : controllers) byName.put(controller.name().toLowerCase(Locale.ROOT), controller);
        this.controllers = byName;
        this.serverSideFunctions = List.copyOf(serverSideFunctions);
        index(root, null);
    }

    private void index(Area area, Area parent) {
        if (parent != null) parents.put(area, parent);
        foldersByKey.put(key(area.dottedPath()), area);
        for (PublishedVariableList list : area.lists()) indexNode(area, list);
        for (View view : area.views()) indexNode(area, view);
        for (Area child : area.children()) index(child, area);
    }

    private void indexNode(Area area, NodeFile file) {
        String dotted = NodePaths.dottedNodePath(area.path(), file.name());
        nodesByKey.put(key(dotted), new NodeRef(area, file, NodePaths.encode(dotted)));
    }

    private static String key(String dotted) { return dotted.toLowerCase(Locale.ROOT); }

    public String account() { return account; }

    public String title() { return title; }

    public Area root() { return root; }

    public List<Controller> controllers() { return List.copyOf(controllers.values()); }

    public List<SsfCode> serverSideFunctions() { return serverSideFunctions; }

    public Optional<Controller> controller(String name) {
        return Optional.ofNullable(controllers.get(name.toLowerCase(Locale.ROOT)));
    }

    public Optional<Point> point(TechnicalAddress address) {
        return controller(address.controller()).flatMap(c -> c.point(address.point()));
    }

    /** The folder id clients use in {@code folder(id:)}: Base64 of the dotted path; the root's is the account. */
    public String folderId(Area area) {
        return NodePaths.encode(area.isRoot() ? account : area.dottedPath());
    }

    /** Resolves a folder id; empty when it is not Base64 or names no folder. */
    public Optional<Area> folderById(String id) {
        return NodePaths.decode(id).flatMap(dotted -> {
            if (dotted.equalsIgnoreCase(account)) return Optional.of(root);
            if (dotted.isEmpty()) return Optional.empty();
            return Optional.ofNullable(foldersByKey.get(key(dotted)));
        });
    }

    /** Resolves a Base64 node path; empty when it is not Base64 or names no file (spec: {@code Invalid path}). */
    public Optional<NodeRef> node(String nodePath) {
        return NodePaths.decode(nodePath).map(Project::key).map(nodesByKey::get);
    }

    public String nodePath(Area area, NodeFile file) {
        return NodePaths.encode(NodePaths.dottedNodePath(area.path(), file.name()));
    }

    public Optional<Area> parent(Area area) { return Optional.ofNullable(parents.get(area)); }

    /** The folder and its ancestors, nearest first, ending with the root. */
    public List<Area> lineage(Area area) {
        List<Area> chain = new ArrayList<>();
        for (Area current = area; current != null; current = parents.get(current)) chain.add(current);
        return chain;
    }

    public List<NodeRef> nodes() { return List.copyOf(nodesByKey.values()); }
}
