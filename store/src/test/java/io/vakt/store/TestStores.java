package io.vakt.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** Shared test setup: cheap Argon2 settings and a fixed clock, so tests stay fast and deterministic. */
final class TestStores {
    static final Argon2Settings FAST = new Argon2Settings(1024, 1, 1);
    static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    private TestStores() {}

    static StoreOptions fastOptions() {
        return StoreOptions.defaults().withPasswordHashing(FAST).withClock(Clock.fixed(T0, ZoneOffset.UTC));
    }

    static VaktStore open(Path dir) {
        return VaktStore.open(dir, fastOptions());
    }

    static char[] pw(String password) {
        return password.toCharArray();
    }

    /** One value of a one-row query, read through the store's own connection. */
    static Optional<String> queryOne(VaktStore store, String sql, String... args) {
        return store.database().read("test query", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) s.setString(i + 1, args[i]);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }
}
