package io.vakt.core.project;

import io.vakt.core.model.Area;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Project;

import java.util.List;
import java.util.Objects;

/**
 * A project read from a folder, with the warnings found on the way (problems that do not stop it from
 * running, each as {@code file:line: text}) and where it came from (a folder, or the embedded demo).
 */
public record LoadedProject(Project project, List<String> warnings, String origin) {
    public LoadedProject {
        Objects.requireNonNull(project, "project");
        warnings = List.copyOf(warnings);
        origin = origin == null ? "" : origin;
    }

    /**
     * One line for the start-up log: {@code project Demo: 7 areas, 4 controllers (318 points), 9 published
     * lists, 1 view, 2 ServerSideFunction blocks}. Areas are the folders below the root.
     */
    public String summary() {
        Counts counts = new Counts();
        counts.walk(project.root());
        int points = project.controllers().stream().mapToInt(c -> c.points().size()).sum();
        List<Controller> controllers = project.controllers();
        return "project " + project.account() + ": "
                + plural(counts.areas, "area") + ", "
                + plural(controllers.size(), "controller") + " (" + plural(points, "point") + "), "
                + plural(counts.lists, "published list") + ", "
                + plural(counts.views, "view") + ", "
                + plural(project.serverSideFunctions().size(), "ServerSideFunction block");
    }

    private static String plural(int count, String noun) { return count + " " + noun + (count == 1 ? "" : "s"); }

    private static final class Counts {
        int areas;
        int lists;
        int views;

        void walk(Area area) {
            if (!area.isRoot()) areas++;
            lists += area.lists().size();
            views += area.views().size();
            for (Area child : area.children()) walk(child);
        }
    }
}
