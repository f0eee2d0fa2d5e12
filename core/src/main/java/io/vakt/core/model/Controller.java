package io.vakt.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A field controller: a technical name, the driver that talks to it, the driver's settings and the
 * controller's points.
 *
 * @param settingSources where each setting was written, so a driver's validation can name its line
 */
public record Controller(String name, String title, String driver, Map<String, String> settings,
                         List<Point> points, SourceRef source, Map<String, SourceRef> settingSources) {
    public Controller {
        if (!TechnicalAddress.isValidControllerName(name)) throw new IllegalArgumentException("bad controller name " + name);
        title = title == null || title.isBlank() ? name : title;
        settings = settings == null ? Map.of() : Map.copyOf(settings);
        points = List.copyOf(points);
        source = source == null ? SourceRef.UNKNOWN : source;
        settingSources = settingSources == null ? Map.of() : Map.copyOf(settingSources);
    }

    /** A controller without recorded setting lines (built in code rather than loaded from a file). */
    public Controller(String name, String title, String driver, Map<String, String> settings,
                      List<Point> points, SourceRef source) {
        this(name, title, driver, settings, points, source, Map.of());
    }

    /** Where the setting {@code key} was written; the controller's own source when unknown. */
    public SourceRef settingSource(String key) { return settingSources.getOrDefault(key, source); }

    /** Points by lower-cased address. */
    public Map<String, Point> pointIndex() {
        Map<String, Point> index = new LinkedHashMap<>();
        for (Point point : points) index.put(point.address().toLowerCase(Locale.ROOT), point);
        return index;
    }

    public Optional<Point> point(String address) {
        for (Point point : points) {
            if (point.address().equalsIgnoreCase(address)) return Optional.of(point);
        }
        return Optional.empty();
    }

    public String setting(String key, String fallback) { return settings.getOrDefault(key, fallback); }
}
