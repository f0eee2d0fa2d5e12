package io.vakt.driver.modbus;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;

import java.util.Set;

/**
 * The {@code modbus} driver: Modbus TCP devices and gateways, on digitalpetri's modbus-tcp client.
 *
 * <p>Controller settings: {@code host} (required), {@code port} (502), {@code unitId} (1), {@code pollFast}
 * (250ms), {@code pollNormal} (1s), {@code pollSlow} (10s), {@code maxGap} (16), {@code maxBlock} (125),
 * {@code maxBitBlock} (2000), {@code writeMultiple} (no), and the common {@code timeout}, {@code reconnectMin},
 * {@code reconnectMax}. Point options: {@code register} ({@code holding:100}; required), {@code format},
 * {@code order}, {@code bit}, {@code scale}, {@code offset}, {@code unitId}, {@code poll}. docs/drivers.md has
 * the details.
 */
public final class ModbusDriverFactory implements DriverFactory {
    public static final String NAME = "modbus";

    @Override
    public String name() { return NAME; }

    /** Checks the settings and every point's options, throwing at the first problem with its file and line. */
    @Override
    public void validate(Controller controller) {
        ModbusSettings settings = ModbusSettings.of(controller);
        for (Point point : controller.points()) ModbusPoint.of(point, settings);
    }

    /** The point options; {@code unitId} resembles the point key {@code unit}, so the loader must know it is ours. */
    @Override
    public Set<String> pointOptionKeys() { return Set.copyOf(ModbusPoint.KEYS); }

    /** Creates the driver, starts its poll timers and its first connection attempt. */
    @Override
    public Driver create(DriverContext context) {
        ModbusDriver driver = new ModbusDriver(context);
        driver.start();
        return driver;
    }
}
