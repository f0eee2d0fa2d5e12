package io.vakt.driver.mqtt;

import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.model.SourceRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Controllers and points as a project file would give them, for the unit tests. */
final class Fixtures {
    static final SourceRef FILE = new SourceRef("controllers/Broker.yaml", 7);

    private Fixtures() {}

    static Point point(String address, PointType type, boolean writable, String... options) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < options.length; i += 2) map.put(options[i], options[i + 1]);
        return new Point(address, type, "", writable, null, null, "", map, FILE);
    }

    static MqttPoint mqttPoint(String address, PointType type, String... options) {
        return MqttPoint.compile(point(address, type, false, options));
    }

    static Controller controller(Map<String, String> settings, Point... points) {
        Map<String, SourceRef> sources = new LinkedHashMap<>();
        int line = 3;
        for (String key : settings.keySet()) sources.put(key, new SourceRef("controllers/Broker.yaml", line++));
        return new Controller("Broker", "Broker", "mqtt", settings, List.of(points),
                new SourceRef("controllers/Broker.yaml", 1), sources);
    }
}
