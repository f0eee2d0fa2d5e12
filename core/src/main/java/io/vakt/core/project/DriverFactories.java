package io.vakt.core.project;

import io.vakt.core.driver.DriverFactory;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The driver factories on the class path ({@link ServiceLoader}), by the name controller files use. */
public final class DriverFactories {
    private DriverFactories() {}

    /** Factories visible to the thread's context class loader, sorted by name. */
    public static Map<String, DriverFactory> discover() {
        return discover(Thread.currentThread().getContextClassLoader());
    }

    /**
     * Factories visible to {@code loader}, sorted by name.
     *
     * @throws IllegalStateException when two factories claim the same name (ignoring case), since a
     *                               controller file could not say which one it means
     */
    public static Map<String, DriverFactory> discover(ClassLoader loader) {
        Map<String, DriverFactory> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (DriverFactory factory : ServiceLoader.load(DriverFactory.class, loader)) {
            DriverFactory other = byName.putIfAbsent(factory.name(), factory);
            if (other != null) {
                throw new IllegalStateException("two drivers are named \"" + factory.name() + "\": "
                        + other.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
