package io.vakt.it.proxy;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a proxy binary is installed. Missing → the test is skipped, or fails when {@code vakt.it.required=true}
 * (CI installs nginx and haproxy with apt), the same rule the node and python client tests follow.
 */
public final class ProxyPrerequisites {
    public static final Path NGINX = Path.of(System.getProperty("vakt.it.nginx", "/usr/sbin/nginx"));
    public static final Path HAPROXY = Path.of(System.getProperty("vakt.it.haproxy", "/usr/sbin/haproxy"));
    private static final String REQUIRED_PROPERTY = "vakt.it.required";

    private ProxyPrerequisites() {}

    public static void assumeNginx() { assumeExecutable(NGINX, "nginx"); }

    public static void assumeHaproxy() { assumeExecutable(HAPROXY, "haproxy"); }

    private static void assumeExecutable(Path binary, String debianPackage) {
        if (Files.isExecutable(binary)) return;
        String message = "The reverse-proxy tests need " + binary + " (on Debian/Ubuntu: apt-get install "
                + debianPackage + "; another location: -Dvakt.it." + debianPackage + "=/path)";
        if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
            Assertions.fail(message + "; failing because " + REQUIRED_PROPERTY + "=true (VAKT_IT_REQUIRED=1)");
        }
        Assumptions.abort(message + "; skipped (set VAKT_IT_REQUIRED=1 to make this a failure)");
    }
}
