package io.vakt.core.model;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small project built in code, shared by the content, access and write tests.
 *
 * <pre>
 * Site (root)
 * ├─ Landskrona                         no grants
 * │   ├─ SystemAir.pvl                  see the K_… constants for its Advise.A order
 * │   ├─ Overview.view                  nested elements, two bindings
 * │   └─ Floor1                         bob: Service
 * │       ├─ Rooms.pvl                  *AHU1.GT11
 * │       ├─ Room101                    *: Guest
 * │       └─ Room102                    no grants
 * └─ Workshop                           *: None, operator: Operator
 *     └─ Service.pvl                    *AHU1.GT11_SP, writable from Guest
 * </pre>
 *
 * Controller {@code AHU1} (driver {@code test}) has the points below; {@code AHU2} does not exist.
 */
public final class TestProject {
    public static final String ACCOUNT = "Site";
    public static final SourceRef AHU1_FILE = new SourceRef("controllers/AHU1.yaml", 1);

    public static final Point GT11 = point("GT11", PointType.REAL, false, null, null);
    public static final Point GT11_SP = point("GT11_SP", PointType.REAL, true, 14.0, 26.0);
    public static final Point SEC = point("QSystem.Sec", PointType.INTEGER, false, null, null);
    public static final Point RUNMODE = point("RUNMODE", PointType.INTEGER, true, 0.0, 3.0);
    public static final Point UNIT_NAME = point("UNIT_NAME", PointType.STRING, false, null, null);
    public static final Point SECRET = point("SECRET", PointType.REAL, true, null, null);
    public static final Point TF1 = point("TF1", PointType.DIGITAL, true, null, null);
    public static final List<Point> AHU1_POINTS = List.of(GT11, GT11_SP, SEC, RUNMODE, UNIT_NAME, SECRET, TF1);

    /** Children of SystemAir: Second, Notes (unbound), Setpoint, RunMode, UnitName (one-shot), Secret, Ghost, Fan. */
    public static final int K_SECOND = 0;
    public static final int K_SETPOINT = 1;
    public static final int K_RUNMODE = 2;
    public static final int K_UNIT_NAME = 3;
    /** ReadAccess Service above WriteAccess Operator: never usable below Service. */
    public static final int K_SECRET = 4;
    /** Bound to {@code AHU2.X}, which no controller has. */
    public static final int K_GHOST = 5;
    public static final int K_FAN = 6;
    /** Child index of each advised element of SystemAir, in Advise.A order. */
    public static final int[] SYSTEM_AIR_CHILDREN = {0, 2, 3, 4, 5, 6, 7};

    public static final Principal GUEST = new Principal("guest", AccessLevel.Guest);
    public static final Principal OPERATOR = new Principal("operator", AccessLevel.Operator);
    public static final Principal SERVICE = new Principal("service", AccessLevel.Service);
    public static final Principal ADMIN = new Principal("admin", AccessLevel.Admin);
    public static final Principal BOB = new Principal("bob", AccessLevel.Guest);
    public static final Principal NOBODY = new Principal("nobody", AccessLevel.None);

    public static final PublishedVariableList SYSTEM_AIR = new PublishedVariableList("SystemAir", "System air",
            "Air handling unit", "", List.of(
                    entry("Second", "*AHU1.QSystem.Sec", false, null, null),
                    entry("Notes", "", false, null, null),
                    entry("Setpoint", "*AHU1.GT11_SP", true, null, AccessLevel.Operator),
                    entry("RunMode", "*AHU1.RUNMODE", true, null, AccessLevel.Service),
                    entry("UnitName", "AHU1.UNIT_NAME", false, null, null),
                    entry("Secret", "*AHU1.SECRET", true, AccessLevel.Service, AccessLevel.Operator),
                    entry("Ghost", "*AHU2.X", true, AccessLevel.Guest, AccessLevel.Guest),
                    entry("Fan", "*AHU1.TF1", true, AccessLevel.Guest, AccessLevel.Guest)),
            new SourceRef("areas/Landskrona/SystemAir.pvl.yaml", 1));

    public static final View OVERVIEW = new View("Overview", "Overview", "<svg/>", List.of(
            element("g", Map.of("Id", "supply"),
                    element("text", attributes("GT11", "0.0")),
                    element("g", Map.of("Id", "fan"),
                            element("text", attributes("TF1", "0")))),
            element("text", Map.of("Id", "label"))),
            List.of(new ViewBinding(List.of(0, 0), 1, Binding.parse("*AHU1.GT11").orElseThrow(), false,
                            null, null, null),
                    new ViewBinding(List.of(0, 1, 0), 1, Binding.parse("*AHU1.TF1").orElseThrow(), true,
                            AccessLevel.Guest, AccessLevel.Operator, null)),
            new SourceRef("areas/Landskrona/Overview.view.svg", 1));

    public static final PublishedVariableList ROOMS = new PublishedVariableList("Rooms", null, null, null,
            List.of(entry("Temp", "*AHU1.GT11", false, null, null)), null);

    public static final PublishedVariableList SERVICE_LIST = new PublishedVariableList("Service", null, null, null,
            List.of(entry("Setpoint", "*AHU1.GT11_SP", true, AccessLevel.Guest, AccessLevel.Guest)), null);

    public static final Area ROOM101 = area(List.of("Landskrona", "Floor1", "Room101"), Map.of("*", AccessLevel.Guest),
            List.of(), List.of(), List.of());
    public static final Area ROOM102 = area(List.of("Landskrona", "Floor1", "Room102"), Map.of(),
            List.of(), List.of(), List.of());
    public static final Area FLOOR1 = area(List.of("Landskrona", "Floor1"), Map.of("bob", AccessLevel.Service),
            List.of(ROOMS), List.of(), List.of(ROOM101, ROOM102));
    public static final Area LANDSKRONA = area(List.of("Landskrona"), Map.of(), List.of(SYSTEM_AIR), List.of(OVERVIEW),
            List.of(FLOOR1));
    public static final Area WORKSHOP = area(List.of("Workshop"),
            Map.of("*", AccessLevel.None, "operator", AccessLevel.Operator), List.of(SERVICE_LIST), List.of(), List.of());
    public static final Area ROOT = new Area(ACCOUNT, "Test site", "", List.of(), Map.of(), List.of(LANDSKRONA, WORKSHOP),
            List.of(), List.of(), null);

    private TestProject() {}

    public static Project project() {
        Controller ahu1 = new Controller("AHU1", "Air handling unit", "test", Map.of(), AHU1_POINTS, AHU1_FILE);
        return new Project(ACCOUNT, "Test site", ROOT, List.of(ahu1), List.of());
    }

    public static Point point(String address, PointType type, boolean writable, Double min, Double max) {
        return new Point(address, type, "", writable, min, max, "", Map.of(), AHU1_FILE);
    }

    public static PublishedVariable entry(String name, String variable, boolean writable, AccessLevel read,
                                          AccessLevel write) {
        return new PublishedVariable(name, name, "", "", variable, Binding.parse(variable).orElse(null), writable,
                read, write, "", null, null);
    }

    public static Area area(List<String> path, Map<String, AccessLevel> grants, List<PublishedVariableList> lists,
                            List<View> views, List<Area> children) {
        return new Area(path.getLast(), null, null, path, grants, children, lists, views, null);
    }

    private static Map<String, String> attributes(String id, String format) {
        java.util.LinkedHashMap<String, String> attributes = new java.util.LinkedHashMap<>();
        attributes.put("Id", id);
        attributes.put("Variable", "((undefined))");
        attributes.put("Format", format);
        return attributes;
    }

    private static ViewElement element(String type, Map<String, String> attributes, ViewElement... children) {
        return new ViewElement(type, attributes, new ArrayList<>(List.of(children)));
    }
}
