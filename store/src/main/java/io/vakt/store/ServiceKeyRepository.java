package io.vakt.store;

import io.vakt.core.access.AccessLevel;

import java.security.SecureRandom;
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
 * Service keys: one per service, its WAMP credential (spec §7.1, §7.4 decision). Keys are generated here
 * ({@link ServiceKeys}) and returned once; only their SHA-256 is stored. Every method blocks briefly on
 * SQLite: never call one on an event loop.
 */
public final class ServiceKeyRepository {
    private static final String COLUMNS = "service, access_level, created_at, key_changed_at, enabled, key_hash";

    private final Database db;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ServiceKeyRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Creates the key of a new service.
     *
     * @throws StoreException if the name is invalid or the service already has a key
     */
    public IssuedServiceKey create(String service, AccessLevel level) {
        String name = ServiceKeys.requireValidName(service);
        Objects.requireNonNull(level, "level");
        String key = ServiceKeys.generate(random);
        long now = clock.millis();
        return db.write("create service key " + ServiceKeys.quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO service_keys (service, access_level, created_at, key_changed_at, key_hash, enabled)
                    VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT (service) DO NOTHING""")) {
                s.setString(1, name);
                s.setString(2, level.name());
                s.setLong(3, now);
                s.setLong(4, now);
                s.setString(5, ServiceKeys.hash(key));
                if (s.executeUpdate() == 0) {
                    throw new StoreException("service " + ServiceKeys.quoted(name) + " already has a key");
                }
            }
            Instant at = Instant.ofEpochMilli(now);
            return new IssuedServiceKey(new ServiceKeyRecord(name, level, at, at, true), key);
        });
    }

    /**
     * Replaces a service's key with a new one; the old key stops working (in a running server within its
     * refresh interval).
     *
     * @throws StoreException if the service has no key
     */
    public IssuedServiceKey rotate(String service) {
        String name = ServiceKeys.requireValidName(service);
        String key = ServiceKeys.generate(random);
        long now = clock.millis();
        return db.write("rotate service key " + ServiceKeys.quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE service_keys SET key_hash = ?, key_changed_at = ? WHERE service = ?")) {
                s.setString(1, ServiceKeys.hash(key));
                s.setLong(2, now);
                s.setString(3, name);
                if (s.executeUpdate() == 0) throw noSuchService(name);
            }
            ServiceKeyRecord record = select(c, name).orElseThrow(() -> noSuchService(name)).record();
            return new IssuedServiceKey(record, key);
        });
    }

    /** Enables or disables a service's key without changing it. */
    public void setEnabled(String service, boolean enabled) {
        String name = ServiceKeys.requireValidName(service);
        db.write((enabled ? "enable" : "disable") + " service key " + ServiceKeys.quoted(name), c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE service_keys SET enabled = ? WHERE service = ?")) {
                s.setInt(1, enabled ? 1 : 0);
                s.setString(2, name);
                if (s.executeUpdate() == 0) throw noSuchService(name);
            }
            return null;
        });
    }

    /** Deletes a service's key; false if it had none. */
    public boolean delete(String service) {
        Optional<String> name = ServiceKeys.key(service);
        if (name.isEmpty()) return false;
        return db.write("delete service key " + ServiceKeys.quoted(service), c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM service_keys WHERE service = ?")) {
                s.setString(1, name.get());
                return s.executeUpdate() > 0;
            }
        });
    }

    /** The service's key record, in any letter case of the name; empty for unknown or invalid names. */
    public Optional<ServiceKeyRecord> find(String service) {
        Optional<String> name = ServiceKeys.key(service);
        if (name.isEmpty()) return Optional.empty();
        return db.read("find service key " + ServiceKeys.quoted(service), c -> select(c, name.get()))
                .map(StoredServiceKey::record);
    }

    /** Every service key, ordered by service name. */
    public List<ServiceKeyRecord> list() {
        return listWithHashes().stream().map(StoredServiceKey::record).toList();
    }

    /** Every service key with its key's hash, ordered by service name: a server's look-up table. */
    public List<StoredServiceKey> listWithHashes() {
        return db.read("list service keys", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM service_keys ORDER BY service");
                 ResultSet rs = s.executeQuery()) {
                List<StoredServiceKey> keys = new ArrayList<>();
                while (rs.next()) keys.add(row(rs));
                return keys;
            }
        });
    }

    private static Optional<StoredServiceKey> select(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM service_keys WHERE service = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static StoredServiceKey row(ResultSet rs) throws SQLException {
        String levelName = rs.getString("access_level");
        AccessLevel level = AccessLevel.parse(levelName).orElseThrow(
                () -> new StoreException("unknown access level '" + levelName + "' stored for a service key"));
        ServiceKeyRecord record = new ServiceKeyRecord(rs.getString("service"), level,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("key_changed_at")),
                rs.getInt("enabled") != 0);
        return new StoredServiceKey(record, rs.getString("key_hash"));
    }

    private static StoreException noSuchService(String name) {
        return new StoreException("service " + ServiceKeys.quoted(name) + " has no key");
    }
}
