package io.vakt.scripting.state;

import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.Area;
import io.vakt.core.model.NodeRef;
import io.vakt.core.model.Project;
import io.vakt.core.path.NodePaths;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns a registration path and a {@code file} option into the normalized virtual path of a state file
 * (spec §8.4). Every path it returns starts with {@code /}, has no empty, {@code .} or {@code ..} segment,
 * no backslash and no control character, and is at most {@link #MAX_LENGTH} characters long, so the store
 * can use it as a key without escaping anything.
 *
 * <ul>
 *   <li>{@code Proj:x/y.json} → {@code /x/y.json}; {@code EXOscada:x} → {@code /EXOscada/x};
 *       {@code Shared:x} → {@code /Shared/x}; {@code Area:x} → {@code /<folder path>/x} (the root folder → {@code /x});
 *       prefixes match ignoring case, and a slash right after the colon changes nothing ({@code Shared:/x}).</li>
 *   <li>{@code Web:…} is refused: web files are not state.</li>
 *   <li>a name without prefix → {@code /Arrigo/state/<name>}; a leading slash does not escape that folder.</li>
 *   <li>no file → {@code /Arrigo/state/<dotted registration path>.json}.</li>
 * </ul>
 *
 * A registration path that names a view, a list or a folder of the project is first rewritten to the project's
 * own spelling, so {@code landskrona} and {@code Landskrona} (names match ignoring case, spec §3) share one file.
 */
final class StatePaths {
    static final int MAX_LENGTH = 512;
    static final String DEFAULT_FOLDER = "/Arrigo/state";

    private final Project project;

    StatePaths(Project project) { this.project = project; }

    /** @param file the {@code file} option, or null for the registration path's default file */
    String resolve(String registrationPath, String file) {
        String owner = canonical(registrationPath);
        if (file == null) return checked(DEFAULT_FOLDER + "/" + owner + ".json", "the registration path");
        requireClean(file, "file");
        int colon = file.indexOf(':');
        if (colon < 0) return join(DEFAULT_FOLDER, file);
        String prefix = file.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = file.substring(colon + 1);
        return switch (prefix) {
            case "proj" -> join("", rest);
            case "exoscada" -> join("/EXOscada", rest);
            case "shared" -> join("/Shared", rest);
            case "area" -> join(areaFolder(owner), rest);
            case "web" -> throw Fault.INVALID_ARGUMENT.exception("Web: paths are not state files: " + file);
            default -> throw Fault.INVALID_ARGUMENT.exception("unknown prefix \"" + file.substring(0, colon + 1)
                    + "\" in file " + quote(file) + " (use Proj:, EXOscada:, Shared:, Area: or a plain name)");
        };
    }

    /** The project's spelling of a path that names a node or a folder; any other path as given. */
    private String canonical(String registrationPath) {
        if (registrationPath == null || registrationPath.isBlank()) {
            throw Fault.INVALID_PATH.exception("a state file needs a registration path");
        }
        if (registrationPath.indexOf('/') >= 0 || registrationPath.indexOf('\\') >= 0 || hasControl(registrationPath)) {
            throw Fault.INVALID_PATH.exception("registration path " + quote(registrationPath)
                    + " may not hold slashes, backslashes or control characters");
        }
        Optional<NodeRef> node = node(registrationPath);
        if (node.isPresent()) return NodePaths.dottedNodePath(node.get().area().path(), node.get().file().name());
        return folder(registrationPath).map(this::dotted).orElse(registrationPath);
    }

    private String areaFolder(String owner) {
        Area area = node(owner).map(NodeRef::area).or(() -> folder(owner)).orElseThrow(() -> Fault.INVALID_PATH.exception(
                "Area: needs a registration path that names a view, a list or a folder; " + quote(owner) + " names none"));
        return area.isRoot() ? "" : "/" + String.join("/", area.path());
    }

    private Optional<NodeRef> node(String dotted) { return project.node(NodePaths.encode(dotted)); }

    private Optional<Area> folder(String dotted) { return project.folderById(NodePaths.encode(dotted)); }

    private String dotted(Area area) { return area.isRoot() ? project.account() : area.dottedPath(); }

    /** {@code base} + the segments of {@code name}; empty segments (doubled or leading slashes) and {@code .} drop out. */
    private static String join(String base, String name) {
        if (name.endsWith("/")) {
            throw Fault.INVALID_ARGUMENT.exception("file " + quote(name) + " names a folder, not a file");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : name.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) continue;
            if (segment.equals("..")) {
                throw Fault.INVALID_ARGUMENT.exception("file " + quote(name) + " may not contain \"..\"");
            }
            if (segment.indexOf(':') >= 0) {
                throw Fault.INVALID_ARGUMENT.exception("file " + quote(name) + " may hold a colon only after its prefix");
            }
            segments.add(segment);
        }
        if (segments.isEmpty()) throw Fault.INVALID_ARGUMENT.exception("file " + quote(name) + " has no file name");
        return checked(base + "/" + String.join("/", segments), "file " + quote(name));
    }

    private static String checked(String path, String what) {
        if (path.length() > MAX_LENGTH) {
            throw Fault.INVALID_ARGUMENT.exception(what + " makes a state path longer than " + MAX_LENGTH + " characters");
        }
        return path;
    }

    private static void requireClean(String text, String what) {
        if (text.isEmpty()) throw Fault.INVALID_ARGUMENT.exception(what + " may not be empty (leave it out instead)");
        if (text.length() > MAX_LENGTH) {
            throw Fault.INVALID_ARGUMENT.exception(what + " is longer than " + MAX_LENGTH + " characters");
        }
        if (text.indexOf('\\') >= 0) throw Fault.INVALID_ARGUMENT.exception(what + " " + quote(text) + " may not contain a backslash");
        if (hasControl(text)) throw Fault.INVALID_ARGUMENT.exception(what + " may not contain control characters");
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
