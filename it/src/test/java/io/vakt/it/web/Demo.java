package io.vakt.it.web;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;
import io.vakt.testkit.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.stream.Stream;

/** Facts of the embedded demo project (core/src/main/resources/vakt-demo) and the users the browser tests log in as. */
final class Demo {
    static final String LANDSKRONA = b64("Landskrona");
    static final String VENTILATION = b64("Landskrona.Ventilation");
    static final String FLOOR1 = b64("Landskrona.Floor1");
    /** The air handling unit's view, Landskrona/Ventilation/Overview.view.svg (with Overview.ssf.js). */
    static final String AHU_VIEW = b64("Landskrona.Ventilation.Overview.File");
    /** Every point of AHU1, Landskrona/Ventilation/AHU1.pvl.yaml; ten of them writable (GT11_SP by an Operator). */
    static final String AHU1_LIST = b64("Landskrona.Ventilation.AHU1.File");
    /** Landskrona/SystemAir.pvl.yaml, whose first entry "Second" changes every second. */
    static final String SYSTEM_AIR = b64("Landskrona.SystemAir.File");
    static final String SETPOINT_BIND = "*AHU1.GT11_SP";
    static final String SETPOINT_ADDRESS = "AHU1.GT11_SP";
    static final String SETPOINT_TITLE = "Supply air temperature setpoint";
    static final double SETPOINT_MIN = 14;
    static final double SETPOINT_MAX = 26;

    static final String ADMIN = EmbeddedServer.ADMIN;
    static final String ADMIN_PASSWORD = EmbeddedServer.ADMIN_PASSWORD;
    static final String GUEST = "visitor";
    static final String GUEST_PASSWORD = "visitor-password-for-tests";

    private Demo() {}

    static String b64(String text) { return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)); }

    /**
     * A fresh data folder holding {@code admin} and the Guest {@link #GUEST}; the server creates its own admin only
     * in an empty store, so both are made here.
     */
    static Path dataDirWithGuest() {
        try {
            Path dataDir = Files.createTempDirectory("vakt-web-");
            try (VaktStore store = VaktStore.open(dataDir, StoreOptions.defaults())) {
                store.users().create(ADMIN, ADMIN_PASSWORD.toCharArray(), AccessLevel.Admin);
                store.users().create(GUEST, GUEST_PASSWORD.toCharArray(), AccessLevel.Guest);
            }
            return dataDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path emptyDataDir() {
        try {
            return Files.createTempDirectory("vakt-web-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path root) {
        if (root == null || !Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind does no harm
        }
    }
}
