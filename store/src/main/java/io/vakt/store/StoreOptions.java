package io.vakt.store;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How a {@link VaktStore} is opened.
 *
 * @param passwordHashing Argon2id cost for new password hashes
 * @param sqliteTempDir   where sqlite-jdbc unpacks its native library, for hosts whose JVM temp folder
 *                        is not usable (mounted {@code noexec}); {@code null} keeps sqlite-jdbc's default.
 *                        It sets the JVM-wide {@code org.sqlite.tmpdir} property and only takes effect
 *                        if no SQLite connection was opened in this JVM before
 * @param clock           source of "now" for creation, password-change and issue times
 */
public record StoreOptions(Argon2Settings passwordHashing, Path sqliteTempDir, Clock clock) {
    public StoreOptions {
        Objects.requireNonNull(passwordHashing, "passwordHashing");
        Objects.requireNonNull(clock, "clock");
    }

    /** OWASP Argon2id defaults, sqlite-jdbc's own temp folder, the UTC system clock. */
    public static StoreOptions defaults() {
        return new StoreOptions(Argon2Settings.defaults(), null, Clock.systemUTC());
    }

    public StoreOptions withPasswordHashing(Argon2Settings settings) {
        return new StoreOptions(settings, sqliteTempDir, clock);
    }

    public StoreOptions withSqliteTempDir(Path dir) {
        return new StoreOptions(passwordHashing, dir, clock);
    }

    public StoreOptions withClock(Clock newClock) {
        return new StoreOptions(passwordHashing, sqliteTempDir, newClock);
    }
}
