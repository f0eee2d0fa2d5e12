package io.vakt.server.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The HS256 signing secret in {@code <dataDir>/jwt-secret}: 256 random bits as Base64 text, created on first
 * start and readable by the owner only where the file system has POSIX permissions. Keeping it in a file
 * lets tokens survive a restart; deleting the file logs every client out.
 */
final class JwtSecretFile {
    static final String FILE_NAME = "jwt-secret";
    static final int SECRET_BYTES = 32;

    private static final Logger log = LoggerFactory.getLogger(JwtSecretFile.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private JwtSecretFile() {}

    /**
     * The secret kept in {@code dataDir}, created if there is none.
     *
     * @throws IllegalStateException if the file exists but does not hold at least 256 bits of Base64
     * @throws UncheckedIOException  if the folder or file cannot be created or read
     */
    static byte[] loadOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) return read(file);
            Files.createDirectories(dataDir);
            return create(file, random);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the JWT secret file " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] secret;
        try {
            secret = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "it is not Base64 text (" + e.getMessage() + ")");
        }
        if (secret.length < SECRET_BYTES) {
            throw corrupt(file, "it holds " + secret.length * 8 + " bits, HS256 needs at least " + SECRET_BYTES * 8);
        }
        warnIfReadableByOthers(file);
        return secret;
    }

    private static byte[] create(Path file, SecureRandom random) throws IOException {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        Path dir = file.getParent();
        // Written to a private temporary file first, so no one ever sees a half-written or world-readable secret
        Path temp = posix(dir)
                ? Files.createTempFile(dir, FILE_NAME, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, FILE_NAME, ".tmp", new FileAttribute<?>[0]);
        try {
            Files.writeString(temp, Base64.getEncoder().encodeToString(secret) + "\n", StandardCharsets.US_ASCII);
            try {
                // No REPLACE_EXISTING: if another process created the secret meanwhile, its secret wins
                Files.move(temp, file);
            } catch (FileAlreadyExistsException e) {
                return read(file);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        log.info("Created a new JWT signing secret in {}", file);
        return secret;
    }

    private static void warnIfReadableByOthers(Path file) throws IOException {
        if (!posix(file.getParent())) return;
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn("The JWT secret file {} has permissions {}; anyone who can read it can forge tokens, "
                    + "restrict it to the owner (chmod 600)", file, PosixFilePermissions.toString(permissions));
        }
    }

    private static boolean posix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }

    private static IllegalStateException corrupt(Path file, String why) {
        return new IllegalStateException("The JWT secret file " + file + " is unusable: " + why
                + ". Restore it from a backup, or delete it to create a new secret (every client must then log in again)");
    }
}
