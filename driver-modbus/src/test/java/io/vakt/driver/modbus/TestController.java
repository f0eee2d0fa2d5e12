package io.vakt.driver.modbus;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a Modbus controller as if loaded from {@code controllers/PLC.yaml}: settings from line 3, each point on its own line. */
final class TestController {
    static final String FILE = "controllers/PLC.yaml";

    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, SourceRef> settingSources = new HashMap<>();
    private final List<Point> points = new ArrayList<>();

    static TestController at(int port) {
        return new TestController().setting("host", "127.0.0.1").setting("port", Integer.toString(port));
    }

    TestController setting(String key, String value) {
        settings.put(key, value);
        settingSources.put(key, new SourceRef(FILE, 3 + settingSources.size()));
        return this;
    }

    TestController point(String address, PointType type, boolean writable, String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
        points.add(new Point(address, type, "", writable, null, null, "", map, new SourceRef(FILE, 20 + points.size())));
        return this;
    }

    Controller build() {
        return new Controller("PLC", "Test PLC", "modbus", settings, points, new SourceRef(FILE, 1), settingSources);
    }
}
