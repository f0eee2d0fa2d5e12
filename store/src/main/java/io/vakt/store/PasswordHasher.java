package io.vakt.store;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Argon2id password hashing (BouncyCastle) in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in Base64 without padding.
 * Verification reads the cost from the stored string, so hashes made with other settings keep working.
 * Hashing is deliberately slow (tens of milliseconds with the defaults): never call it on an event loop.
 * Thread-safe.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int MIN_STORED_SALT_BYTES = 8;
    private static final int MIN_STORED_HASH_BYTES = 16;
    private static final int MAX_STORED_BYTES = 64;
    private static final String PREFIX = "$argon2id$v=19$";

    private final Argon2Settings settings;
    private final SecureRandom random = new SecureRandom();
    // A well-formed hash no password matches: verifying against it costs what a real check costs.
    private final String decoy;

    public PasswordHasher(Argon2Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoy = format(settings, new byte[SALT_BYTES], new byte[HASH_BYTES]);
    }

    public Argon2Settings settings() { return settings; }

    /** A new PHC string for {@code password} with a fresh random salt. The caller's array is not changed. */
    public String hash(char[] password) {
        Objects.requireNonNull(password, "password");
        if (password.length == 0) throw new IllegalArgumentException("password must not be empty");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return format(settings, salt, derive(password, settings, salt, HASH_BYTES));
    }

    /**
     * Whether {@code password} matches {@code phc}. A malformed or unsupported stored string never
     * matches. The comparison runs in constant time.
     */
    public boolean verify(char[] password, String phc) {
        Objects.requireNonNull(password, "password");
        Optional<Parsed> parsed = parse(phc);
        if (parsed.isEmpty()) return false;
        Parsed p = parsed.get();
        byte[] actual = derive(password, p.settings(), p.salt(), p.hash().length);
        return MessageDigest.isEqual(actual, p.hash());
    }

    /**
     * Spends one hash with the current settings and matches nothing, so a login for a user that does not
     * exist takes as long as one for a user that does.
     */
    public void spendOneHash(char[] password) {
        verify(password, decoy);
    }

    /** Whether {@code phc} was made with other settings than the current ones (or cannot be read). */
    public boolean needsRehash(String phc) {
        return parse(phc).map(p -> !p.settings().equals(settings) || p.hash().length != HASH_BYTES).orElse(true);
    }

    private static byte[] derive(char[] password, Argon2Settings s, byte[] salt, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(s.memoryKiB())
                .withIterations(s.iterations())
                .withParallelism(s.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] secret = utf8(password);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    // Encodes without going through String, so the only plain-text copy is the one wiped above.
    private static byte[] utf8(char[] password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) Arrays.fill(buffer.array(), (byte) 0);
        return bytes;
    }

    private static String format(Argon2Settings s, byte[] salt, byte[] hash) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "m=" + s.memoryKiB() + ",t=" + s.iterations() + ",p=" + s.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    private record Parsed(Argon2Settings settings, byte[] salt, byte[] hash) {}

    // Strict: only what format() writes is accepted, with bounds, so a tampered row cannot ask for
    // gigabytes of memory or a zero-length hash.
    private static Optional<Parsed> parse(String phc) {
        if (phc == null || !phc.startsWith(PREFIX)) return Optional.empty();
        String[] parts = phc.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) return Optional.empty();
        String[] costs = parts[0].split(",", -1);
        if (costs.length != 3) return Optional.empty();
        try {
            int m = number(costs[0], "m=");
            int t = number(costs[1], "t=");
            int p = number(costs[2], "p=");
            Argon2Settings s = new Argon2Settings(m, t, p);
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] hash = Base64.getDecoder().decode(parts[2]);
            if (salt.length < MIN_STORED_SALT_BYTES || salt.length > MAX_STORED_BYTES) return Optional.empty();
            if (hash.length < MIN_STORED_HASH_BYTES || hash.length > MAX_STORED_BYTES) return Optional.empty();
            return Optional.of(new Parsed(s, salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static int number(String field, String name) {
        if (!field.startsWith(name) || field.length() > name.length() + 10) {
            throw new IllegalArgumentException("bad field " + name);
        }
        String digits = field.substring(name.length());
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("bad field " + name);
        }
        return Integer.parseInt(digits);
    }
}
