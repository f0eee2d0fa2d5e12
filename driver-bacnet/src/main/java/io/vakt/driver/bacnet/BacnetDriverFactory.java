package io.vakt.driver.bacnet;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;
import io.vakt.core.model.Point;

/**
 * The {@code bacnet} driver: one BACnet/IP device per controller file, reached over UDP with an in-project
 * BVLC/NPDU/APDU client (no third-party stack). Settings and point options: docs/drivers.md, BACnet/IP.
 */
public final class BacnetDriverFactory implements DriverFactory {
    public static final String NAME = "bacnet";

    @Override
    public String name() { return NAME; }

    /** Checks the settings and every point's options, throwing at the first problem with its file and line. */
    @Override
    public void validate(Controller controller) {
        BacnetSettings settings = BacnetSettings.of(controller);
        for (Point point : controller.points()) BacnetPoint.of(point, settings);
    }

    /** Opens the driver's UDP socket and starts looking for the device. */
    @Override
    public Driver create(DriverContext context) {
        BacnetDriver driver = new BacnetDriver(context);
        driver.start();
        return driver;
    }

    @Override
    public java.util.Set<String> pointOptionKeys() { return java.util.Set.copyOf(BacnetPoint.OPTIONS); }
}
