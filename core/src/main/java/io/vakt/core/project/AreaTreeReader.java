package io.vakt.core.project;

import io.vakt.core.model.Area;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.model.SourceRef;
import io.vakt.core.model.SsfCode;
import io.vakt.core.model.View;
import io.vakt.core.path.NodePaths;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Walks {@code areas/}: every sub-folder is an area, with its {@code area.yaml}, lists, views and
 * ServerSideFunction code. Lists and views of one folder share a namespace (both become
 * {@code <folder path>.<name>.File}), so their names must differ ignoring case.
 */
final class AreaTreeReader {
    static final String AREAS = "areas";
    static final String PVL_SUFFIX = ".pvl.yaml";
    static final String VIEW_SUFFIX = ".view.svg";
    static final String SSF_SUFFIX = ".ssf.js";
    /** {@code area.ssf.js} is the folder's own code, so a view named {@code area} cannot have code. */
    static final String AREA_OWNER = "area";
    /** Folders nest a handful of levels in real sites; the limit also stops symbolic-link loops. */
    static final int MAX_DEPTH = 32;

    private final ProjectFiles files;
    private final Problems problems;
    private final String account;
    private final PvlReader pvlReader;
    private final ViewReader viewReader;
    private final List<SsfCode> serverSideFunctions = new ArrayList<>();

    AreaTreeReader(ProjectFiles files, Problems problems, String account, BindingResolver bindings) {
        this.files = files;
        this.problems = problems;
        this.account = account;
        this.pvlReader = new PvlReader(files, problems, bindings);
        this.viewReader = new ViewReader(files, problems, bindings);
    }

    /** ServerSideFunction code found so far: a folder's own before its sub-folders', by name within a folder. */
    List<SsfCode> serverSideFunctions() { return List.copyOf(serverSideFunctions); }

    /** The root area (named after the account); an absent {@code areas/} folder gives an empty root. */
    Area readRoot(Path areasDir, String projectTitle) {
        if (!Files.isDirectory(areasDir)) {
            problems.warn(new SourceRef(AREAS, 0), "no areas/ folder: the project has no lists or views");
            return new Area(account, projectTitle, null, List.of(), Map.of(), List.of(), List.of(), List.of(),
                    new SourceRef(AREAS, 0));
        }
        return readArea(areasDir, account, List.of(), projectTitle);
    }

    private Area readArea(Path dir, String name, List<String> path, String defaultTitle) {
        List<Path> entries = files.list(dir);
        Path settingsFile = entries.stream()
                .filter(entry -> entry.getFileName().toString().equalsIgnoreCase(AreaSettings.FILE) && !Files.isDirectory(entry))
                .findFirst().orElse(null);
        AreaSettings settings = settingsFile != null
                ? AreaSettings.read(settingsFile, files, problems) : AreaSettings.none(files.at(dir, 0));
        TechnicalNames areaNames = new TechnicalNames();
        TechnicalNames fileNames = new TechnicalNames();
        TechnicalNames codeNames = new TechnicalNames();
        List<Area> children = new ArrayList<>();
        List<PublishedVariableList> lists = new ArrayList<>();
        List<View> views = new ArrayList<>();
        Map<String, Path> code = new LinkedHashMap<>();
        Map<String, Path> viewFiles = new LinkedHashMap<>();
        // a folder's own code comes before its sub-folders' (read while walking the entries)
        int codeIndex = serverSideFunctions.size();

        for (Path entry : entries) {
            String fileName = entry.getFileName().toString();
            String lower = fileName.toLowerCase(Locale.ROOT);
            SourceRef at = files.at(entry, 0);
            if (Files.isDirectory(entry)) {
                childArea(entry, fileName, path, at, areaNames).ifPresent(children::add);
            } else if (entry.equals(settingsFile)) {
                continue;
            } else if (lower.endsWith(PVL_SUFFIX)) {
                String list = strip(fileName, PVL_SUFFIX);
                if (TechnicalNames.check(list, "list", at, problems) && fileNames.claim(list, at, problems)) {
                    pvlReader.read(entry, list).ifPresent(lists::add);
                }
            } else if (lower.endsWith(VIEW_SUFFIX)) {
                String view = strip(fileName, VIEW_SUFFIX);
                if (TechnicalNames.check(view, "view", at, problems) && fileNames.claim(view, at, problems)) {
                    viewFiles.put(view, entry);
                }
            } else if (lower.endsWith(SSF_SUFFIX)) {
                String owner = strip(fileName, SSF_SUFFIX);
                if (codeNames.claim(owner, at, problems)) code.put(owner, entry);
            } else {
                problems.warn(at, "ignored: not a project file (expected area.yaml, <List>.pvl.yaml, <View>.view.svg, "
                        + "<View>.ssf.js, area.ssf.js or a folder)");
            }
        }

        // views after the loop: a view's buttons need to know whether the folder has code for it
        viewFiles.forEach((view, file) -> viewReader.read(file, view, codeOf(code, view)).ifPresent(views::add));
        serverSideFunctions.addAll(codeIndex, readCode(code, path, views, entries));
        String title = settings.title() != null ? settings.title() : defaultTitle;
        return new Area(name, title, settings.icon(), path, settings.grants(), children, lists, views, settings.source());
    }

    /** The folder's code: {@code area.ssf.js} under the folder's path, then each view's under the view's node path. */
    private List<SsfCode> readCode(Map<String, Path> code, List<String> path, List<View> views, List<Path> entries) {
        List<SsfCode> found = new ArrayList<>();
        code.forEach((owner, file) -> {
            if (owner.equalsIgnoreCase(AREA_OWNER)) addCode(file, path.isEmpty() ? account : String.join(".", path), found);
        });
        code.forEach((owner, file) -> {
            if (owner.equalsIgnoreCase(AREA_OWNER)) return;
            View view = views.stream().filter(v -> v.name().equalsIgnoreCase(owner)).findFirst().orElse(null);
            if (view != null) {
                addCode(file, NodePaths.dottedNodePath(path, view.name()), found);
            } else if (!hasViewFile(entries, owner)) {
                // a view file that failed to load has its own errors; code without any view file is an error here
                problems.error(files.at(file, 0), "no view \"" + owner + "\" in this folder for this "
                        + "ServerSideFunction code (expected " + owner + VIEW_SUFFIX + ")");
            }
        });
        return found;
    }

    private Optional<Area> childArea(Path dir, String name, List<String> parentPath, SourceRef at,
                                               TechnicalNames siblings) {
        if (!TechnicalNames.check(name, "area", at, problems)) return Optional.empty();
        if (parentPath.isEmpty() && name.equalsIgnoreCase(account)) {
            problems.error(at, "a top-level area may not be named like the account \"" + account
                    + "\": the root folder's id is already Base64 of the account name");
            return Optional.empty();
        }
        if (!siblings.claim(name, at, problems)) return Optional.empty();
        if (parentPath.size() >= MAX_DEPTH) {
            problems.error(at, "areas nested deeper than " + MAX_DEPTH + " levels");
            return Optional.empty();
        }
        List<String> path = new ArrayList<>(parentPath);
        path.add(name);
        return Optional.of(readArea(dir, name, path, null));
    }

    /** The view's own code file ({@code <View>.ssf.js}, name matched ignoring case); a view named area has none. */
    private static Optional<Path> codeOf(Map<String, Path> code, String view) {
        if (view.equalsIgnoreCase(AREA_OWNER)) return Optional.empty();
        return code.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(view)).map(Map.Entry::getValue).findFirst();
    }

    private static boolean hasViewFile(List<Path> entries, String view) {
        return entries.stream().anyMatch(entry -> entry.getFileName().toString().equalsIgnoreCase(view + VIEW_SUFFIX));
    }

    private void addCode(Path file, String ownerPath, List<SsfCode> found) {
        files.readText(file).ifPresent(code -> {
            if (code.isBlank()) {
                problems.warn(files.at(file, 0), "empty ServerSideFunction code, ignored");
            } else {
                found.add(new SsfCode(ownerPath, code, files.at(file, 1)));
            }
        });
    }

    private static String strip(String fileName, String suffix) {
        return fileName.substring(0, fileName.length() - suffix.length());
    }
}
