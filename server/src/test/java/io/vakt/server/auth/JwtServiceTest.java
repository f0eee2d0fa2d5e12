package io.vakt.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtServiceTest {
    static final byte[] SECRET = secret(1);
    static final byte[] OTHER_SECRET = secret(2);

    final MutableClock clock = MutableClock.atSomeMoment();
    final JwtService jwt = new JwtService(SECRET, clock);

    @Test
    void issuesHs256WithExactlyTheSpecClaimsAndExpMinusIatEqualToTheLifetime() throws Exception {
        IssuedToken issued = jwt.issue("alice", Duration.ofSeconds(600));

        SignedJWT parsed = SignedJWT.parse(issued.token());
        assertThat(parsed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        Map<String, Object> claims = parsed.getJWTClaimsSet().getClaims();
        assertThat(claims).containsOnlyKeys("sub", "jti", "nbf", "iat", "exp", "iss");
        JWTClaimsSet set = parsed.getJWTClaimsSet();
        assertThat(set.getSubject()).isEqualTo("alice");
        assertThat(set.getIssuer()).isEqualTo("vakt");
        assertThat(set.getJWTID()).isEqualTo(issued.jti()).matches("[0-9a-f-]{36}");
        assertThat(set.getExpirationTime().getTime() - set.getIssueTime().getTime()).isEqualTo(600_000);
        assertThat(set.getNotBeforeTime()).isEqualTo(set.getIssueTime());
        assertThat(issued.issuedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        assertThat(issued.expiresAt()).isEqualTo(Instant.parse("2025-03-01T10:10:00Z"));
    }

    @Test
    void eachTokenGetsItsOwnJtiUnlessOneIsChosen() {
        assertThat(jwt.issue("alice", Duration.ofMinutes(1)).jti()).isNotEqualTo(jwt.issue("alice", Duration.ofMinutes(1)).jti());

        IssuedToken chosen = jwt.issue("alice", Duration.ofMinutes(1), "my-jti");
        assertThat(chosen.jti()).isEqualTo("my-jti");
        assertThat(jwt.check(chosen.token())).isInstanceOfSatisfying(JwtCheck.Valid.class,
                valid -> assertThat(valid.jti()).isEqualTo("my-jti"));
    }

    @Test
    void refusesLifetimesShorterThanOneSecond() {
        assertThatThrownBy(() -> jwt.issue("alice", Duration.ofMillis(999))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void acceptsItsOwnTokenWithOrWithoutBearer() {
        IssuedToken issued = jwt.issue("alice", Duration.ofMinutes(10));

        JwtCheck.Valid expected = new JwtCheck.Valid("alice", issued.jti(), issued.issuedAt(), issued.expiresAt());
        assertThat(jwt.check(issued.token())).isEqualTo(expected);
        assertThat(jwt.check("Bearer " + issued.token())).isEqualTo(expected);
        assertThat(jwt.check("bearer " + issued.token())).isEqualTo(expected);
    }

    @Test
    void expiresExactlyAtExpWithoutLeeway() {
        IssuedToken issued = jwt.issue("alice", Duration.ofSeconds(5));
        clock.set(issued.expiresAt().minusMillis(1));
        assertThat(jwt.check(issued.token())).isInstanceOf(JwtCheck.Valid.class);

        clock.set(issued.expiresAt());
        assertThat(jwt.check(issued.token())).isEqualTo(new JwtCheck.Expired("alice", issued.jti(), issued.expiresAt()));
    }

    @Test
    void refusesAlgNone() {
        IssuedToken issued = jwt.issue("alice", Duration.ofMinutes(10));
        String payload = issued.token().split("\\.")[1];
        String none = Base64URL.encode("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + payload + ".";

        assertThat(jwt.check(none)).isInstanceOf(JwtCheck.Invalid.class);
        assertThat(jwt.check(none + issued.token().split("\\.")[2])).isInstanceOf(JwtCheck.Invalid.class);
    }

    @Test
    void refusesOtherHmacAlgorithmsEvenWithTheRightKey() throws Exception {
        String hs512 = sign(JWSAlgorithm.HS512, secret(1, 64), validClaims().build());
        JwtService longKey = new JwtService(secret(1, 64), clock);

        assertThat(longKey.check(hs512)).isEqualTo(new JwtCheck.Invalid("algorithm HS512 is not accepted"));
    }

    @Test
    void refusesATokenSignedWithAnotherKey() throws Exception {
        String forged = sign(JWSAlgorithm.HS256, OTHER_SECRET, validClaims().build());

        assertThat(jwt.check(forged)).isEqualTo(new JwtCheck.Invalid("bad signature"));
        assertThat(new JwtService(OTHER_SECRET, clock).check(jwt.issue("alice", Duration.ofMinutes(1)).token()))
                .isInstanceOf(JwtCheck.Invalid.class);
    }

    @Test
    void refusesATamperedPayload() {
        String[] parts = jwt.issue("alice", Duration.ofMinutes(10)).token().split("\\.");
        String admin = Base64URL.encode(Base64URL.from(parts[1]).decodeToString().replace("alice", "admin")
                .getBytes(StandardCharsets.UTF_8)).toString();

        assertThat(jwt.check(parts[0] + "." + admin + "." + parts[2])).isEqualTo(new JwtCheck.Invalid("bad signature"));
    }

    @Test
    void refusesAnotherIssuer() throws Exception {
        String foreign = sign(JWSAlgorithm.HS256, SECRET, validClaims().issuer("arrigo").build());
        String none = sign(JWSAlgorithm.HS256, SECRET, validClaims().issuer(null).build());

        assertThat(jwt.check(foreign)).isEqualTo(new JwtCheck.Invalid("wrong issuer"));
        assertThat(jwt.check(none)).isEqualTo(new JwtCheck.Invalid("wrong issuer"));
    }

    @Test
    void refusesMissingClaims() throws Exception {
        for (String claim : new String[] {"sub", "jti", "nbf", "iat", "exp"}) {
            String token = sign(JWSAlgorithm.HS256, SECRET, validClaims().claim(claim, null).build());
            assertThat(jwt.check(token)).as(claim).isEqualTo(new JwtCheck.Invalid("missing claims"));
        }
    }

    @Test
    void refusesATokenNotYetValid() throws Exception {
        Instant later = clock.instant().plusSeconds(60);
        String token = sign(JWSAlgorithm.HS256, SECRET, validClaims().notBeforeTime(Date.from(later)).build());

        assertThat(jwt.check(token)).isEqualTo(new JwtCheck.Invalid("not yet valid"));
    }

    @Test
    void refusesMalformedTokens() {
        for (String token : new String[] {null, "", "Bearer ", "abc", "a.b.c", "Bearer x.y"}) {
            assertThat(jwt.check(token)).as(String.valueOf(token)).isInstanceOf(JwtCheck.Invalid.class);
        }
    }

    @Test
    void refusesSecretsShorterThan256Bits() {
        assertThatThrownBy(() -> new JwtService(new byte[31], clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("256 bits");
    }

    private JWTClaimsSet.Builder validClaims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().subject("alice").jwtID("id-1").issuer("vakt")
                .notBeforeTime(Date.from(now)).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    static String sign(JWSAlgorithm alg, byte[] key, JWTClaimsSet claims) throws Exception {
        SignedJWT token = new SignedJWT(new JWSHeader(alg), claims);
        token.sign(new MACSigner(key));
        return token.serialize();
    }

    static byte[] secret(int fill) { return secret(fill, 32); }

    static byte[] secret(int fill, int length) {
        byte[] secret = new byte[length];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }
}
