package io.vakt.driver.mqtt;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;

/**
 * The {@code mqtt} driver: a controller is a broker connection (MQTT 5 or 3.1.1, optionally TLS with a
 * user name and password), and each point is a state topic (plain or JSON payloads, the retained message
 * as the initial value) with an optional command topic for writes. Settings and point options are described
 * in {@code docs/drivers.md}, section MQTT.
 */
public final class MqttDriverFactory implements DriverFactory {
    public static final String NAME = "mqtt";

    @Override
    public String name() { return NAME; }

    /** Checks the settings and every point's options, throwing at the first problem with its file and line. */
    @Override
    public void validate(Controller controller) {
        MqttSettings.of(controller);
        MqttPoint.compile(controller);
    }

    @Override
    public java.util.Set<String> pointOptionKeys() { return java.util.Set.copyOf(MqttPoint.OPTIONS); }

    /** Creates the driver and starts connecting; points turn unreachable until the broker answers. */
    @Override
    public Driver create(DriverContext context) {
        MqttDriver driver = new MqttDriver(context, MqttSettings.of(context.controller()),
                MqttPoint.compile(context.controller()));
        driver.start();
        return driver;
    }
}
