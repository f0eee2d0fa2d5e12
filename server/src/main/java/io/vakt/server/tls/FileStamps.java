package io.vakt.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The state of the certificate files: size, modification time and SHA-256 of each. The hash catches a
 * replacement that keeps size and time (a copy with {@code cp -p}); size and time alone would miss it.
 * A missing or unreadable file is part of the state too, so its return counts as a change.
 */
record FileStamps(List<String> stamps) {
    static FileStamps of(List<Path> files) {
        List<String> stamps = new ArrayList<>();
        for (Path file : files) stamps.add(stamp(file));
        return new FileStamps(List.copyOf(stamps));
    }

    private static String stamp(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            return file + " " + content.length + " " + Files.getLastModifiedTime(file).toMillis() + " "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (IOException e) {
            return file + " unreadable: " + e.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
