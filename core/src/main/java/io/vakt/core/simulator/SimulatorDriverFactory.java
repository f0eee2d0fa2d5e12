package io.vakt.core.simulator;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;
import io.vakt.core.model.Controller;

/**
 * The {@code simulator} driver: controllers whose points move by themselves, following the {@code sim}
 * option of each point (temperatures drifting to setpoints, fans on schedules, meters counting up). It
 * runs the embedded demo building and tests, and stands in for field buses during development.
 *
 * <p>Controller settings ({@code interval}, {@code seed}, {@code unreachableChance}, {@code unreachableFor},
 * {@code timeScale}) and point options ({@code sim}, {@code initial}, {@code decimals}) are described in
 * {@code docs/project-format.md}.
 */
public final class SimulatorDriverFactory implements DriverFactory {
    public static final String NAME = "simulator";

    @Override
    public String name() { return NAME; }

    /** Checks the settings and every point's options, throwing at the first problem with its file and line. */
    @Override
    public void validate(Controller controller) {
        SimulatorSettings.of(controller);
        PointSpec.compile(controller);
    }

    /** Creates the driver and starts its periodic tick on the context's scheduler. */
    @Override
    public Driver create(DriverContext context) {
        SimulatorDriver driver = new SimulatorDriver(context);
        driver.start();
        return driver;
    }
}
