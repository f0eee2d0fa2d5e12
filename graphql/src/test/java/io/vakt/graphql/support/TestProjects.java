package io.vakt.graphql.support;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.model.Area;
import io.vakt.core.model.Binding;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.Project;
import io.vakt.core.model.PublishedVariable;
import io.vakt.core.model.PublishedVariableList;
import io.vakt.core.path.NodePaths;
import io.vakt.core.project.DriverFactories;
import io.vakt.core.project.ProjectLoader;

import java.util.List;
import java.util.Map;

/** Projects for tests: a small one built in code, and the demo building with every controller on the test driver. */
public final class TestProjects {
    /** Node path of the small project's only list, {@code Plant.Values.File}. */
    public static final String VALUES = NodePaths.encode("Plant.Values.File");
    /** Advise indexes of the small project's list. */
    public static final int REAL = 0, INT = 1, TEXT = 2, ONCE = 3, SECRET = 4, GHOST = 5;

    private TestProjects() {}

    /**
     * Account {@code Site}; area {@code Plant} with list {@code Values}: {@code *Ctl.Real} (writable),
     * {@code *Ctl.Int} (writable, 0..100), {@code *Ctl.Text}, {@code Ctl.Once} (one-shot), {@code *Ctl.Secret}
     * (ReadAccess Service), {@code *Nope.Ghost} (no such controller), then an unbound note.
     */
    public static Project small() {
        Controller ctl = new Controller("Ctl", "Test controller", TestDriverFactory.NAME, Map.of(), List.of(
                point("Real", PointType.REAL, true, null, null),
                point("Int", PointType.INTEGER, true, 0.0, 100.0),
                point("Text", PointType.STRING, false, null, null),
                point("Once", PointType.STRING, false, null, null),
                point("Secret", PointType.REAL, false, null, null)), null);
        PublishedVariableList values = new PublishedVariableList("Values", "Values", "", "", List.of(
                variable("Real", "*Ctl.Real", true, null),
                variable("Int", "*Ctl.Int", true, null),
                variable("Text", "*Ctl.Text", false, null),
                variable("Once", "Ctl.Once", false, null),
                variable("Secret", "*Ctl.Secret", false, AccessLevel.Service),
                variable("Ghost", "*Nope.Ghost", false, null),
                variable("Note", "", false, null)), null);
        Area plant = new Area("Plant", "Plant", "", List.of("Plant"), Map.of(), List.of(), List.of(values), List.of(), null);
        Area root = new Area("Site", "Site", "", List.of(), Map.of(), List.of(plant), List.of(), List.of(), null);
        return new Project("Site", "Test site", root, List.of(ctl), List.of());
    }

    /** The embedded demo building, its controllers moved from the simulator to the test driver. */
    public static Project demo() {
        Project loaded = new ProjectLoader(DriverFactories.discover()).loadDemo().project();
        List<Controller> controllers = loaded.controllers().stream()
                .map(c -> new Controller(c.name(), c.title(), TestDriverFactory.NAME, c.settings(), c.points(), c.source(),
                        c.settingSources()))
                .toList();
        return new Project(loaded.account(), loaded.title(), loaded.root(), controllers, loaded.serverSideFunctions());
    }

    private static Point point(String address, PointType type, boolean writable, Double min, Double max) {
        return new Point(address, type, "", writable, min, max, "", Map.of(), null);
    }

    private static PublishedVariable variable(String name, String variable, boolean writable, AccessLevel readAccess) {
        return new PublishedVariable(name, name, "", "", variable, Binding.parse(variable).orElse(null), writable,
                readAccess, null, "", null, null);
    }
}
