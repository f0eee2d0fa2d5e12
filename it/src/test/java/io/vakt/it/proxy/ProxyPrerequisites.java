package io.vakt.it.proxy;

import io.vakt.it.drivers.Prerequisites;

import java.nio.file.Path;

/**
 * Whether a proxy binary is installed. Missing → the test is skipped, or fails when {@code vakt.it.required=true}
 * (CI installs nginx and haproxy with apt), the same rule the node and python client tests follow.
 */
public final class ProxyPrerequisites {
    public static final Path NGINX = Path.of(System.getProperty("vakt.it.nginx", "/usr/sbin/nginx"));
    public static final Path HAPROXY = Path.of(System.getProperty("vakt.it.haproxy", "/usr/sbin/haproxy"));

    private ProxyPrerequisites() {}

    public static void assumeNginx() { assumeExecutable(NGINX, "nginx"); }

    public static void assumeHaproxy() { assumeExecutable(HAPROXY, "haproxy"); }

    private static void assumeExecutable(Path binary, String debianPackage) {
        Prerequisites.assumeExecutable(binary, debianPackage
                + "; another location: -Dvakt.it." + debianPackage + "=/path");
    }
}
