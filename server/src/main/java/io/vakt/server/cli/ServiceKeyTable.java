package io.vakt.server.cli;

import io.vakt.store.ServiceKeyRecord;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** The table {@code vakt service-key list} prints; never the keys, which the store does not have. */
final class ServiceKeyTable {
    private static final List<String> HEADER = List.of("SERVICE", "LEVEL", "CREATED", "KEY SET", "ENABLED");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ServiceKeyTable() {}

    /** @param zone the zone times are shown in (the operator's) */
    static String render(List<ServiceKeyRecord> keys, ZoneId zone) {
        if (keys.isEmpty()) return "No service keys yet. Create one with `vakt service-key add NAME`.\n";
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ServiceKeyRecord key : keys) {
            rows.add(List.of(key.service(), key.level().name(), TIME.withZone(zone).format(key.created()),
                    TIME.withZone(zone).format(key.keyChanged()), key.enabled() ? "yes" : "no"));
        }
        return UserTable.columns(rows);
    }
}
