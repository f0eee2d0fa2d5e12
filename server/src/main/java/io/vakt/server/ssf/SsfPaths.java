package io.vakt.server.ssf;

import io.vakt.core.error.Fault;
import io.vakt.core.model.Area;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.Project;
import io.vakt.core.path.NodePaths;

import java.util.Optional;

/**
 * Registration paths (spec §7.8): the Base64 path of the view or area that owns a code block. Clients may
 * spell a path in any case (spec §3), so every path is turned into the project's own spelling of the
 * dotted owner path before it is used as a key.
 */
final class SsfPaths {
    private final Project project;

    SsfPaths(Project project) { this.project = project; }

    /**
     * The dotted owner path the Base64 {@code encoded} names: a list's or view's node path, or an area's
     * dotted path (the account for the root).
     *
     * @throws io.vakt.core.error.VaktException {@code INVALID_PATH} when it is not a string, not Base64, or names nothing
     */
    String resolve(Object encoded) {
        if (!(encoded instanceof String text) || text.isEmpty()) {
            throw Fault.INVALID_PATH.exception("the path must be the Base64 path of a view or area, got "
                    + (encoded instanceof String ? "an empty string" : SsfArguments.kind(encoded)));
        }
        Optional<NodeRef> node = project.node(text);
        if (node.isPresent()) return NodePaths.decode(node.get().nodePath()).orElseThrow();
        Optional<Area> area = project.folderById(text);
        if (area.isPresent()) return area.get().isRoot() ? project.account() : area.get().dottedPath();
        String decoded = NodePaths.decode(text).map(d -> "\"" + d + "\"").orElse(null);
        throw Fault.INVALID_PATH.exception(decoded == null ? "the path is not Base64"
                : "the path " + decoded + " names no view, list or area of this project");
    }

    /** The area a dotted owner path belongs to: the node's folder, or the area itself. */
    Optional<Area> areaOf(String dottedOwner) {
        String encoded = NodePaths.encode(dottedOwner);
        return project.node(encoded).map(NodeRef::area).or(() -> project.folderById(encoded));
    }

}
