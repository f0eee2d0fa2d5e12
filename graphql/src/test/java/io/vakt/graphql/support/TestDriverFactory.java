package io.vakt.graphql.support;

import io.vakt.core.driver.Driver;
import io.vakt.core.driver.DriverContext;
import io.vakt.core.driver.DriverFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Creates {@link TestDriver}s and keeps them by controller name so tests can push samples. */
public final class TestDriverFactory implements DriverFactory {
    public static final String NAME = "test";

    private final Map<String, TestDriver> drivers = new ConcurrentHashMap<>();

    @Override
    public String name() { return NAME; }

    @Override
    public Driver create(DriverContext context) {
        TestDriver driver = new TestDriver(context);
        drivers.put(context.controller().name().toLowerCase(Locale.ROOT), driver);
        return driver;
    }

    public TestDriver driver(String controller) {
        TestDriver driver = drivers.get(controller.toLowerCase(Locale.ROOT));
        if (driver == null) throw new IllegalArgumentException("no driver for controller " + controller);
        return driver;
    }
}
