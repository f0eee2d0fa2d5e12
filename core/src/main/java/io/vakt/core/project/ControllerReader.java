package io.vakt.core.project;

import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;
import io.vakt.core.model.TechnicalAddress;
import io.vakt.core.project.YamlNode.Entry;
import io.vakt.core.project.YamlNode.ListNode;
import io.vakt.core.project.YamlNode.MapNode;
import io.vakt.core.project.YamlNode.Scalar;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code controllers/<Name>.yaml}: title, driver, driver settings and points, then lets the driver
 * check its own settings and point options ({@link DriverFactory#validate}).
 */
final class ControllerReader {
    static final List<String> KEYS = List.of("title", "driver", "settings", "points");
    static final List<String> POINT_KEYS = List.of("address", "type", "unit", "writable", "min", "max", "description");

    private final ProjectFiles files;
    private final Problems problems;
    private final Map<String, DriverFactory> drivers;

    /** @param drivers factories by lower-cased name; a controller's {@code driver} is stored in that form */
    ControllerReader(ProjectFiles files, Problems problems, Map<String, DriverFactory> drivers) {
        this.files = files;
        this.problems = problems;
        this.drivers = drivers;
    }

    /** The controller, or empty when the file has errors (all of them reported). */
    Optional<Controller> read(Path file, String name) {
        int errorsBefore = problems.errorCount();
        String fileName = files.name(file);
        Optional<MapNode> root = files.readYaml(file)
                .flatMap(node -> YamlFields.asMap(node, "a controller file", fileName, problems));
        if (root.isEmpty()) return Optional.empty();
        YamlFields fields = YamlFields.strict(root.get(), fileName, problems, KEYS);

        String title = fields.text("title", name);
        Optional<String> driverText = fields.required("driver");
        String driverName = driverText.map(ControllerReader::key).orElse(null);
        DriverFactory factory = driverText.flatMap(driver -> factory(driver, fields.at("driver"))).orElse(null);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, SourceRef> settingSources = new HashMap<>();
        fields.map("settings").ifPresent(map -> readSettings(map, fileName, settings, settingSources));
        java.util.Set<String> optionKeys = factory == null ? java.util.Set.of() : factory.pointOptionKeys();
        List<Point> points = fields.list("points").map(list -> readPoints(list, fileName, optionKeys)).orElse(List.of());
        if (!fields.has("points")) problems.warn(fields.at(root.get().line()), "controller " + name + " has no points");

        if (problems.errorCount() > errorsBefore || factory == null) return Optional.empty();
        Controller controller = new Controller(name, title, driverName, settings, points,
                new SourceRef(fileName, 1), settingSources);
        try {
            factory.validate(controller);
        } catch (ProjectException e) {
            problems.add(e);
            return Optional.empty();
        } catch (RuntimeException e) {
            problems.error(controller.source(), "driver \"" + driverName + "\" rejected the controller: " + e.getMessage());
            return Optional.empty();
        }
        return Optional.of(controller);
    }

    private Optional<DriverFactory> factory(String driver, SourceRef at) {
        DriverFactory factory = drivers.get(key(driver));
        if (factory == null) {
            List<String> known = drivers.keySet().stream().sorted().toList();
            problems.error(at, "unknown driver \"" + driver + "\"" + Suggestions.didYouMean(driver, known)
                    + " (known drivers: " + (known.isEmpty() ? "none installed" : String.join(", ", known)) + ")");
        }
        return Optional.ofNullable(factory);
    }

    private static String key(String name) { return name.trim().toLowerCase(Locale.ROOT); }

    private void readSettings(MapNode map, String fileName, Map<String, String> settings,
                              Map<String, SourceRef> sources) {
        for (Entry entry : map.entries().values()) {
            SourceRef at = new SourceRef(fileName, entry.value().line());
            if (entry.value() instanceof Scalar scalar) {
                settings.put(entry.key(), scalar.text());
                sources.put(entry.key(), at);
            } else {
                problems.error(at, "setting \"" + entry.key() + "\" must be a single value, not " + entry.value().kind());
            }
        }
    }

    private List<Point> readPoints(ListNode list, String fileName, java.util.Set<String> optionKeys) {
        List<Point> points = new ArrayList<>();
        Map<String, Integer> firstLines = new HashMap<>();
        for (YamlNode item : list.items()) {
            YamlFields.asMap(item, "a point", fileName, problems)
                    .flatMap(map -> readPoint(map, fileName, optionKeys))
                    .ifPresent(point -> {
                        Integer first = firstLines.putIfAbsent(point.address().toLowerCase(Locale.ROOT), point.source().line());
                        if (first != null) {
                            problems.error(point.source(), "duplicate point \"" + point.address() + "\" (first at line " + first + ")");
                        } else {
                            points.add(point);
                        }
                    });
        }
        return points;
    }

    private Optional<Point> readPoint(MapNode map, String fileName, java.util.Set<String> optionKeys) {
        int errorsBefore = problems.errorCount();
        YamlFields fields = YamlFields.open(map, fileName, problems, POINT_KEYS, optionKeys);
        SourceRef at = new SourceRef(fileName, map.line());
        Optional<String> address = fields.required("address").filter(text -> {
            if (TechnicalAddress.isValidPointAddress(text)) return true;
            problems.error(fields.at("address"), "bad point address \"" + text
                    + "\" (use letters, digits and _ - . ( ) [ ], not starting or ending with a dot)");
            return false;
        });
        Optional<PointType> type = fields.required("type").flatMap(text -> {
            Optional<PointType> parsed = PointType.parse(text);
            if (parsed.isEmpty()) {
                problems.error(fields.at("type"), "unknown type \"" + text + "\""
                        + Suggestions.didYouMean(text, List.of("real", "integer", "digital", "string"))
                        + " (use real, integer, digital or string)");
            }
            return parsed;
        });
        boolean writable = fields.yesNo("writable").orElse(false);
        Double min = fields.number("min").orElse(null);
        Double max = fields.number("max").orElse(null);
        if (min != null && max != null && min > max) {
            problems.error(fields.at("min"), "min " + min + " is above max " + max);
        }
        if ((min != null || max != null) && type.isPresent() && type.get() == PointType.STRING) {
            problems.error(fields.at(min != null ? "min" : "max"), "min and max apply to numeric points only");
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (Entry extra : fields.extras()) {
            if (extra.value() instanceof Scalar scalar) {
                if (!scalar.isNull()) options.put(extra.key(), scalar.text());
            } else {
                problems.error(new SourceRef(fileName, extra.value().line()),
                        "option \"" + extra.key() + "\" must be a single value, not " + extra.value().kind());
            }
        }
        if (problems.errorCount() > errorsBefore || address.isEmpty() || type.isEmpty()) return Optional.empty();
        return Optional.of(new Point(address.get(), type.get(), fields.text("unit", ""), writable, min, max,
                fields.text("description", ""), options, at));
    }
}
