package io.vakt.driver.opcua;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;

/**
 * The {@code opcua} driver: values from OPC UA servers through the Eclipse Milo client. Controller settings
 * ({@code endpoint}, {@code securityPolicy}, {@code securityMode}, {@code username}, {@code password},
 * {@code passwordEnv}, {@code publishingInterval}, {@code samplingInterval}, {@code pkiDir}, {@code trustServer}
 * and the common {@code timeout}, {@code reconnectMin}, {@code reconnectMax}) and point options ({@code node},
 * {@code samplingInterval}, {@code deadband}, {@code queueSize}) are described in docs/drivers.md.
 */
public final class OpcuaDriverFactory implements DriverFactory {
    public static final String NAME = "opcua";

    @Override
    public String name() { return NAME; }

    /** Checks the settings and every point's options, throwing at the first problem with its file and line. */
    @Override
    public void validate(Controller controller) {
        OpcuaPointOptions.compile(controller, OpcuaSettings.of(controller));
    }

    /** Creates the driver and makes its first connection attempt (asynchronously). */
    @Override
    public Driver create(DriverContext context) {
        OpcuaDriver driver = new OpcuaDriver(context);
        driver.start();
        return driver;
    }

    @Override
    public java.util.Set<String> pointOptionKeys() { return java.util.Set.copyOf(OpcuaPointOptions.KEYS); }
}
