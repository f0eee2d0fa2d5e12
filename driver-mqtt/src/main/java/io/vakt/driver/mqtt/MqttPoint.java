package io.vakt.driver.mqtt;

import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One point's MQTT options, checked: the state topic it reads, an optional JSON field, and for writable points
 * the command topic, payload format and retain flag.
 *
 * @param topic         the state topic, exact (no wildcards): its messages are the point's values
 * @param field         where the value sits in a JSON payload; null for plain payloads
 * @param commandTopic  where writes are published; null when the point cannot be written over MQTT
 * @param commandFormat how a written value is encoded
 * @param commandRetain whether command publishes are retained by the broker
 */
record MqttPoint(Point point, String topic, FieldPath field, String commandTopic, CommandFormat commandFormat,
                 boolean commandRetain) {
    static final List<String> OPTIONS = List.of("topic", "field", "commandTopic", "commandFormat", "commandRetain");

    /** How a written value travels in the command payload. */
    enum CommandFormat {
        /** The value as text: {@code 21.5}, {@code 1}, {@code Auto}. */
        PLAIN,
        /** A JSON object {@code {"value": 21.5}} (strings quoted). */
        JSON
    }

    /** @throws io.vakt.core.project.ProjectException at the first point with a bad option */
    static List<MqttPoint> compile(Controller controller) {
        List<MqttPoint> points = new ArrayList<>();
        for (Point point : controller.points()) points.add(compile(point));
        return points;
    }

    static MqttPoint compile(Point point) {
        SettingReader options = SettingReader.options(point, MqttDriverFactory.NAME, OPTIONS);
        String topic = checkedTopic(options, "topic", options.required("topic"));
        FieldPath field = null;
        if (options.optional("field").isPresent()) {
            try {
                field = FieldPath.parse(options.optional("field").get());
            } catch (IllegalArgumentException e) {
                throw options.bad("field", e.getMessage());
            }
        }
        String commandTopic = options.optional("commandTopic").orElse(null);
        if (commandTopic != null) {
            checkedTopic(options, "commandTopic", commandTopic);
            if (!point.writable()) throw options.bad("commandTopic", "is given but the point is not writable: yes");
        } else {
            if (point.writable()) {
                throw options.bad("commandTopic", "is required for a writable point (the topic writes are published to)");
            }
            for (String key : List.of("commandFormat", "commandRetain")) {
                if (options.has(key)) throw options.bad(key, "needs a commandTopic");
            }
        }
        CommandFormat format = options.choice("commandFormat", CommandFormat.PLAIN, CommandFormat.class);
        boolean retain = options.yesNo("commandRetain", false);
        return new MqttPoint(point, topic, field, commandTopic, format, retain);
    }

    /** MQTT 3.1.1 §4.7 / MQTT 5 §4.7: topic names are non-empty UTF-8 without wildcards or NUL, at most 65535 bytes. */
    private static String checkedTopic(SettingReader options, String key, String topic) {
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0) {
            throw options.bad(key, "must be one exact topic: the wildcards + and # are not allowed");
        }
        if (topic.indexOf('\u0000') >= 0) throw options.bad(key, "must not contain the NUL character");
        if (topic.getBytes(StandardCharsets.UTF_8).length > 65_535) throw options.bad(key, "is longer than 65535 bytes");
        return topic;
    }

    String name(String controller) { return controller + "." + point.address(); }
}
