package io.vakt.store;

import io.vakt.core.access.AccessLevel;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Users, their Argon2id password hashes and access levels. Usernames are case-insensitive and follow
 * the rule 1 to 64 letters, digits, {@code _ . @ -}. Every method blocks (a short SQLite transaction,
 * and for password methods tens of milliseconds of hashing): never call one on an event loop.
 * Password arrays are read, never changed or kept; the caller wipes them.
 */
public final class UserRepository {
    private static final String COLUMNS =
            "username, access_level, created_at, password_changed_at, disabled, password_hash";

    private final Database db;
    private final PasswordHasher hasher;
    private final Clock clock;

    UserRepository(Database db, PasswordHasher hasher, Clock clock) {
        this.db = db;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** Creates a user; a {@link StoreException} if the name is invalid or taken, or the password empty. */
    public UserRecord create(String username, char[] password, AccessLevel level) {
        String name = Usernames.requireValid(username);
        Objects.requireNonNull(level, "level");
        String hash = hashOf(name, password);
        long now = clock.millis();
        return db.write("create user " + Usernames.quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO users (username_key, username, password_hash, access_level, created_at,
                                       password_changed_at, disabled)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    ON CONFLICT (username_key) DO NOTHING""")) {
                s.setString(1, Usernames.keyOfValid(name));
                s.setString(2, name);
                s.setString(3, hash);
                s.setString(4, level.name());
                s.setLong(5, now);
                s.setLong(6, now);
                if (s.executeUpdate() == 0) {
                    throw new StoreException("user " + Usernames.quoted(name) + " already exists");
                }
            }
            return new UserRecord(name, level, Instant.ofEpochMilli(now), Instant.ofEpochMilli(now), false);
        });
    }

    /** The user with this name in any letter case; empty for unknown or invalid names. */
    public Optional<UserRecord> find(String username) {
        return row(username).map(Row::record);
    }

    /**
     * The user if the password matches and the user is not disabled. An unknown user still costs one
     * hash, so the answer time does not tell which users exist.
     */
    public Optional<UserRecord> authenticate(String username, char[] password) {
        Objects.requireNonNull(password, "password");
        Optional<Row> row = row(username);
        if (row.isEmpty()) {
            hasher.spendOneHash(password);
            return Optional.empty();
        }
        // Verified even for a disabled user, for the same timing reason
        boolean matches = hasher.verify(password, row.get().passwordHash());
        UserRecord user = row.get().record();
        return matches && !user.disabled() ? Optional.of(user) : Optional.empty();
    }

    /**
     * Sets a new password and revokes the user's refresh tokens in the same transaction, so sessions
     * started with the old password end even when the change comes from another process (the CLI).
     */
    public void setPassword(String username, char[] password) {
        String name = Usernames.requireValid(username);
        String hash = hashOf(name, password);
        long now = clock.millis();
        db.write("set password of user " + Usernames.quoted(name), c -> {
            requireUpdated(c, name, "UPDATE users SET password_hash = ?, password_changed_at = ? WHERE username_key = ?",
                    hash, now);
            RefreshTokenRepository.revokeAllFor(c, Usernames.keyOfValid(name), now);
            return null;
        });
    }

    public void setLevel(String username, AccessLevel level) {
        String name = Usernames.requireValid(username);
        Objects.requireNonNull(level, "level");
        db.write("set level of user " + Usernames.quoted(name), c -> {
            requireUpdated(c, name, "UPDATE users SET access_level = ? WHERE username_key = ?", level.name());
            return null;
        });
    }

    /** Disables or enables a user. Disabling also revokes the user's refresh tokens. */
    public void setDisabled(String username, boolean disabled) {
        String name = Usernames.requireValid(username);
        long now = clock.millis();
        db.write((disabled ? "disable" : "enable") + " user " + Usernames.quoted(name), c -> {
            requireUpdated(c, name, "UPDATE users SET disabled = ? WHERE username_key = ?", disabled ? 1 : 0);
            if (disabled) RefreshTokenRepository.revokeAllFor(c, Usernames.keyOfValid(name), now);
            return null;
        });
    }

    /** Deletes a user and, with it, the user's refresh tokens; false if there was no such user. */
    public boolean delete(String username) {
        Optional<String> key = Usernames.key(username);
        if (key.isEmpty()) return false;
        return db.write("delete user " + Usernames.quoted(username), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM users WHERE username_key = ?")) {
                s.setString(1, key.get());
                return s.executeUpdate() > 0;
            }
        });
    }

    /** All users, ordered by name ignoring case. */
    public List<UserRecord> list() {
        return db.read("list users", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY username_key");
                 ResultSet rs = s.executeQuery()) {
                List<UserRecord> users = new ArrayList<>();
                while (rs.next()) users.add(Row.of(rs).record());
                return users;
            }
        });
    }

    public int count() {
        return db.read("count users", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM users");
                 ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    private String hashOf(String name, char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) {
            throw new StoreException("password for user " + Usernames.quoted(name) + " must not be empty");
        }
        return hasher.hash(password);
    }

    private Optional<Row> row(String username) {
        Optional<String> key = Usernames.key(username);
        if (key.isEmpty()) return Optional.empty();
        return db.read("find user " + Usernames.quoted(username), c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE username_key = ?")) {
                s.setString(1, key.get());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(Row.of(rs)) : Optional.empty();
                }
            }
        });
    }

    // The last parameter of sql is always the username key; values fill the ones before it
    private static void requireUpdated(Connection c, String name, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) s.setObject(i + 1, values[i]);
            s.setString(values.length + 1, Usernames.keyOfValid(name));
            if (s.executeUpdate() == 0) throw new StoreException("user " + Usernames.quoted(name) + " does not exist");
        }
    }

    private record Row(UserRecord record, String passwordHash) {
        static Row of(ResultSet rs) throws SQLException {
            String levelName = rs.getString("access_level");
            AccessLevel level = AccessLevel.parse(levelName).orElseThrow(
                    () -> new StoreException("unknown access level '" + levelName + "' stored for a user"));
            UserRecord record = new UserRecord(rs.getString("username"), level,
                    Instant.ofEpochMilli(rs.getLong("created_at")),
                    Instant.ofEpochMilli(rs.getLong("password_changed_at")),
                    rs.getInt("disabled") != 0);
            return new Row(record, rs.getString("password_hash"));
        }
    }
}
