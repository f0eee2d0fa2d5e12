package io.vakt.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.vakt.core.access.TokenVerifier;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * Signs and checks the access tokens of spec §2.4: HS256 JWTs with exactly the claims {@code sub}, {@code jti},
 * {@code nbf}, {@code iat}, {@code exp} and {@code iss = "vakt"}, where {@code exp − iat} is the lifetime asked
 * for (spec §16 item 3). Times are whole seconds, as JWT numeric dates are. Checking is pure computation (no
 * I/O), so it may run on an event loop. Thread-safe.
 */
public final class JwtService {
    /** The {@code iss} claim of every token Vakt signs; a token with another issuer is refused. */
    public static final String ISSUER = "vakt";

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    /**
     * @param secret at least 256 bits
     * @throws IllegalArgumentException if the secret is shorter
     */
    public JwtService(byte[] secret, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (secret.length < JwtSecretFile.SECRET_BYTES) {
            throw new IllegalArgumentException("an HS256 secret needs at least 256 bits, got " + secret.length * 8);
        }
        try {
            this.signer = new MACSigner(secret);
            this.verifier = new MACVerifier(secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable HS256 secret: " + e.getMessage(), e);
        }
    }

    /**
     * A service signing with the secret in {@code <dataDir>/jwt-secret}, created on first start. Blocks on file
     * I/O: call it while the server starts.
     *
     * @throws IllegalStateException if the secret file is corrupt or too short (the message says what to do)
     * @throws java.io.UncheckedIOException if it cannot be read or created
     */
    public static JwtService open(Path dataDir, Clock clock) {
        return new JwtService(JwtSecretFile.loadOrCreate(dataDir, new SecureRandom()), clock);
    }

    /** Signs a token for {@code username} valid for {@code lifetime} (whole seconds, at least one). */
    public IssuedToken issue(String username, Duration lifetime) {
        return issue(username, lifetime, UUID.randomUUID().toString());
    }

    /**
     * Signs a token with a {@code jti} chosen by the caller: a refresh must bind the new refresh token to the
     * new access token's id in the same store transaction that spends the old one, before the token exists.
     */
    public IssuedToken issue(String username, Duration lifetime, String jti) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(jti, "jti");
        long seconds = lifetime.toSeconds();
        if (seconds < 1) throw new IllegalArgumentException("token lifetime must be at least 1 s, was " + lifetime);
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expiresAt = issuedAt.plusSeconds(seconds);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(username)
                .jwtID(jti)
                .notBeforeTime(Date.from(issuedAt))
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .issuer(ISSUER)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a JWT with HS256: " + e.getMessage(), e);
        }
        return new IssuedToken(jwt.serialize(), jti, issuedAt, expiresAt);
    }

    /**
     * Checks a token, given with or without a leading {@code Bearer } (spec §15 item 4). There is no leeway on
     * {@code exp}: a 5 s token is refused from its fifth second on (spec §16 item 18).
     */
    public JwtCheck check(String token) {
        String compact = TokenVerifier.stripBearer(token);
        if (compact == null || compact.isEmpty()) return new JwtCheck.Invalid("no token");
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(compact);
        } catch (ParseException e) {
            // Also where alg "none" ends: an unsecured JWT has no JWS header
            return new JwtCheck.Invalid("not a signed JWT");
        }
        // Checked before the signature: MACVerifier would also accept HS384 and HS512
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            return new JwtCheck.Invalid("algorithm " + jwt.getHeader().getAlgorithm() + " is not accepted");
        }
        try {
            if (!jwt.verify(verifier)) return new JwtCheck.Invalid("bad signature");
        } catch (JOSEException | IllegalStateException e) {
            return new JwtCheck.Invalid("bad signature");
        }
        return checkClaims(jwt);
    }

    private JwtCheck checkClaims(SignedJWT jwt) {
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new JwtCheck.Invalid("malformed claims");
        }
        if (!ISSUER.equals(claims.getIssuer())) return new JwtCheck.Invalid("wrong issuer");
        String username = claims.getSubject();
        String jti = claims.getJWTID();
        Date notBefore = claims.getNotBeforeTime();
        Date issuedAt = claims.getIssueTime();
        Date expires = claims.getExpirationTime();
        if (username == null || username.isEmpty() || jti == null || jti.isEmpty()
                || notBefore == null || issuedAt == null || expires == null) {
            return new JwtCheck.Invalid("missing claims");
        }
        Instant now = clock.instant();
        if (now.isBefore(notBefore.toInstant())) return new JwtCheck.Invalid("not yet valid");
        if (!now.isBefore(expires.toInstant())) return new JwtCheck.Expired(username, jti, expires.toInstant());
        return new JwtCheck.Valid(username, jti, issuedAt.toInstant(), expires.toInstant());
    }

    Clock clock() { return clock; }
}
