package io.vakt.server.cli;

import picocli.CommandLine.IVersionProvider;

/** The version lines of {@code vakt version} and {@code vakt --version}. */
public final class VersionInfo implements IVersionProvider {
    /** The jar manifest's Implementation-Version, or "development" when run from compiled classes. */
    public static String vaktVersion() {
        String version = VersionInfo.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "development" : version;
    }

    /** {@code Java 25.0.1+8-LTS (Eclipse Adoptium)}. */
    public static String javaVersion() {
        return "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {"Vakt " + vaktVersion(), javaVersion()};
    }
}
