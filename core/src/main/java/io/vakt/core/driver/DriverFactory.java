package io.vakt.core.driver;

/**
 * Creates drivers of one kind; found through {@link java.util.ServiceLoader}, so a driver module on the
 * class path is all a site needs. {@link #name()} is what a controller file names in {@code driver:}.
 */
public interface DriverFactory {
    String name();

    /**
     * Checks a controller's driver settings and points before anything starts, throwing
     * {@link io.vakt.core.project.ProjectException} naming the file and line of the first problem.
     */
    default void validate(io.vakt.core.model.Controller controller) {}

    /**
     * The point options this driver reads (extra keys of a point besides {@code address}, {@code type}, …). The
     * project loader reports an extra key that looks like a misspelt point key ({@code Writeable}) unless the
     * driver declares it here, so an option may resemble a point key ({@code unitId} beside {@code unit}).
     */
    default java.util.Set<String> pointOptionKeys() { return java.util.Set.of(); }

    Driver create(DriverContext context);
}
