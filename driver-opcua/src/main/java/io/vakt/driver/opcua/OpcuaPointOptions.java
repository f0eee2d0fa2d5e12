package io.vakt.driver.opcua;

import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OPC UA options of one point (extra keys on its line in the controller file).
 *
 * @param node             the variable, in the standard NodeId text form ({@code ns=2;s=Demo.Temp}, {@code i=2258})
 * @param samplingInterval how often the server samples it (the controller's {@code samplingInterval} unless set)
 * @param deadband         absolute deadband of the data change filter; empty for every change
 * @param queueSize        values the server queues between publishes (1: only the latest)
 */
public record OpcuaPointOptions(NodeId node, Duration samplingInterval, Optional<Double> deadband, int queueSize) {
    static final List<String> KEYS = List.of("node", "samplingInterval", "deadband", "queueSize");

    /** Every point's options, by point; throws at the first bad one naming its line. */
    public static Map<Point, OpcuaPointOptions> compile(Controller controller, OpcuaSettings settings) {
        Map<Point, OpcuaPointOptions> options = new LinkedHashMap<>();
        for (Point point : controller.points()) options.put(point, of(point, settings));
        return Map.copyOf(options);
    }

    static OpcuaPointOptions of(Point point, OpcuaSettings settings) {
        SettingReader reader = SettingReader.options(point, OpcuaDriverFactory.NAME, KEYS);
        String text = reader.required("node");
        NodeId node = NodeId.parseSafe(text).orElseThrow(() -> reader.bad("node",
                "is no NodeId (write it like ns=2;s=Demo.Temp, ns=3;i=1001, ns=1;g=<uuid> or ns=1;b=<base64>)"));
        Duration sampling = reader.duration("samplingInterval", settings.samplingInterval(), Duration.ZERO, Duration.ofMinutes(10));
        Optional<Double> deadband = Optional.empty();
        if (reader.has("deadband")) {
            if (point.type() == PointType.STRING) throw reader.bad("deadband", "applies to numeric points only");
            double value = reader.number("deadband", 0);
            if (value < 0) throw reader.bad("deadband", "must not be negative");
            deadband = Optional.of(value);
        }
        int queueSize = reader.integer("queueSize", 1, 1, 1000);
        return new OpcuaPointOptions(node, sampling, deadband, queueSize);
    }
}
