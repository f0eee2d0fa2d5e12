package io.vakt.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Refresh tokens with rotation (spec §2.2): each refresh spends the presented token and issues a new one
 * in the same family; presenting a spent token again revokes the family. Tokens are random UUIDs; only
 * their SHA-256 is stored. Every method blocks briefly on SQLite: never call one on an event loop.
 */
public final class RefreshTokenRepository {
    private static final Logger log = LoggerFactory.getLogger(RefreshTokenRepository.class);

    private final Database db;
    private final Clock clock;

    RefreshTokenRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Issues the first refresh token of a new family, at login.
     *
     * @param accessTokenId the {@code jti} of the access token issued with it; refresh requires that token
     * @throws StoreException if the user does not exist or is disabled
     */
    public String issue(String username, String accessTokenId, Instant expiresAt) {
        String user = Usernames.quoted(Objects.requireNonNull(username, "username"));
        requireText(accessTokenId, "accessTokenId");
        Instant now = clock.instant();
        requireAfter(expiresAt, now, "expiresAt");
        String key = Usernames.key(username).orElseThrow(
                () -> new StoreException("cannot issue a refresh token: user " + user + " does not exist"));
        String token = UUID.randomUUID().toString();
        db.write("issue refresh token for user " + user, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT disabled FROM users WHERE username_key = ?")) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) throw new StoreException("cannot issue a refresh token: user " + user + " does not exist");
                    if (rs.getInt(1) != 0) throw new StoreException("cannot issue a refresh token: user " + user + " is disabled");
                }
            }
            insert(c, token, key, accessTokenId, UUID.randomUUID().toString(), now, expiresAt);
            return null;
        });
        return token;
    }

    /**
     * Exchanges {@code refreshToken} for a new one at {@code POST /login/refresh}. The presented access
     * token may have expired; the caller has checked its signature and passes its {@code jti} and
     * {@code sub}. Spending the old token and inserting the new one happen in one transaction.
     */
    public RotationOutcome rotate(String refreshToken, String presentedAccessTokenId, String presentedUsername,
                                  String newAccessTokenId, Instant newExpiresAt, Instant now) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        Objects.requireNonNull(presentedAccessTokenId, "presentedAccessTokenId");
        Objects.requireNonNull(presentedUsername, "presentedUsername");
        requireText(newAccessTokenId, "newAccessTokenId");
        Objects.requireNonNull(now, "now");
        requireAfter(newExpiresAt, now, "newExpiresAt");
        String hash = sha256(refreshToken);
        return db.write("rotate a refresh token", c -> {
            Optional<Stored> found = stored(c, hash);
            if (found.isEmpty()) return new RotationOutcome.Unknown();
            Stored t = found.get();
            // Reuse is checked first: a spent token is evidence of theft whatever else is wrong with the request
            if (t.rotated()) {
                update(c, "UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                        now.toEpochMilli(), t.familyId());
                log.warn("Refresh token reuse for user {}: revoked token family {}", t.username(), t.familyId());
                return new RotationOutcome.Reused(t.username());
            }
            if (t.revoked() || t.userDisabled()) return new RotationOutcome.Revoked();
            if (!now.isBefore(t.expires())) return new RotationOutcome.Expired();
            boolean sameUser = Usernames.key(presentedUsername).filter(t.usernameKey()::equals).isPresent();
            if (!sameUser || !presentedAccessTokenId.equals(t.accessTokenId())) return new RotationOutcome.Mismatch();

            update(c, "UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ?", now.toEpochMilli(), hash);
            String next = UUID.randomUUID().toString();
            insert(c, next, t.usernameKey(), newAccessTokenId, t.familyId(), now, newExpiresAt);
            return new RotationOutcome.Rotated(t.username(), next);
        });
    }

    /** Revokes one token (logout with a refresh token); false if it is unknown, spent or already revoked. */
    public boolean revoke(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        String hash = sha256(refreshToken);
        return db.write("revoke a refresh token", c -> update(c,
                "UPDATE refresh_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL AND rotated_at IS NULL",
                clock.millis(), hash) > 0);
    }

    /** Revokes the live tokens issued with an access token (logout with an access token); how many. */
    public int revokeIssuedWith(String accessTokenId) {
        Objects.requireNonNull(accessTokenId, "accessTokenId");
        return db.write("revoke refresh tokens issued with an access token", c -> update(c,
                "UPDATE refresh_tokens SET revoked_at = ? WHERE access_token_id = ? AND revoked_at IS NULL AND rotated_at IS NULL",
                clock.millis(), accessTokenId));
    }

    /** Revokes every live token of a user (any letter case of the name); how many. */
    public int revokeAllFor(String username) {
        Optional<String> key = Usernames.key(username);
        if (key.isEmpty()) return 0;
        return db.write("revoke refresh tokens of user " + Usernames.quoted(username),
                c -> revokeAllFor(c, key.get(), clock.millis()));
    }

    /** What is stored about a token, whatever its state. */
    public Optional<RefreshTokenInfo> lookup(String refreshToken) {
        Objects.requireNonNull(refreshToken, "refreshToken");
        String hash = sha256(refreshToken);
        return db.read("look up a refresh token", c -> stored(c, hash).map(Stored::info));
    }

    /**
     * Deletes tokens whose lifetime ended at or before {@code now}, spent ones included: past its expiry a
     * spent token is refused as expired anyway, so keeping it adds nothing to reuse detection.
     */
    public int purgeExpired(Instant now) {
        Objects.requireNonNull(now, "now");
        return db.write("purge expired refresh tokens",
                c -> update(c, "DELETE FROM refresh_tokens WHERE expires_at <= ?", now.toEpochMilli()));
    }

    static int revokeAllFor(Connection c, String usernameKey, long nowMillis) throws SQLException {
        return update(c, "UPDATE refresh_tokens SET revoked_at = ? WHERE username_key = ? AND revoked_at IS NULL AND rotated_at IS NULL",
                nowMillis, usernameKey);
    }

    private static void insert(Connection c, String token, String usernameKey, String accessTokenId, String familyId,
                               Instant issued, Instant expires) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO refresh_tokens (token_hash, username_key, access_token_id, family_id, issued_at, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, sha256(token));
            s.setString(2, usernameKey);
            s.setString(3, accessTokenId);
            s.setString(4, familyId);
            s.setLong(5, issued.toEpochMilli());
            s.setLong(6, expires.toEpochMilli());
            s.executeUpdate();
        }
    }

    private record Stored(String usernameKey, String username, boolean userDisabled, String accessTokenId,
                          String familyId, Instant issued, Instant expires, boolean rotated, boolean revoked) {
        RefreshTokenInfo info() {
            return new RefreshTokenInfo(username, accessTokenId, familyId, issued, expires, rotated, revoked);
        }
    }

    private static Optional<Stored> stored(Connection c, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT t.username_key, u.username, u.disabled, t.access_token_id, t.family_id, t.issued_at,
                       t.expires_at, t.rotated_at IS NOT NULL, t.revoked_at IS NOT NULL
                FROM refresh_tokens t JOIN users u ON u.username_key = t.username_key
                WHERE t.token_hash = ?""")) {
            s.setString(1, hash);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Stored(rs.getString(1), rs.getString(2), rs.getInt(3) != 0, rs.getString(4),
                        rs.getString(5), Instant.ofEpochMilli(rs.getLong(6)), Instant.ofEpochMilli(rs.getLong(7)),
                        rs.getBoolean(8), rs.getBoolean(9)));
            }
        }
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) s.setObject(i + 1, values[i]);
            return s.executeUpdate();
        }
    }

    static String sha256(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) throw new IllegalArgumentException(name + " must not be blank");
    }

    private static void requireAfter(Instant expires, Instant now, String name) {
        Objects.requireNonNull(expires, name);
        if (!expires.isAfter(now)) throw new IllegalArgumentException(name + " " + expires + " is not after " + now);
    }
}
