package io.vakt.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape of service keys and service names. A key is {@value #PREFIX} followed by 32 random bytes in
 * unpadded Base64url (43 characters); the prefix lets the server tell a key from an access token without a
 * look-up, and lets secret scanners find leaked keys. Only {@link #hash} of a key is ever stored.
 *
 * <p>A service name is what the service registers under ({@code accounts.<account>.services.<name>.…}), so it
 * follows the WAMP URI component rule: 1 to 64 of {@code a-z 0-9 _ -}. Names are case-insensitive and kept
 * lower-cased, as ArrigoLocal lower-cases every RPC name (spec §7.2).
 */
public final class ServiceKeys {
    /** The first characters of every service key. */
    public static final String PREFIX = "vsk_";
    static final int RANDOM_BYTES = 32;
    static final int MAX_NAME_LENGTH = 64;
    private static final int KEY_LENGTH = PREFIX.length() + 43;

    private ServiceKeys() {}

    /** A new key from {@code random}. */
    public static String generate(SecureRandom random) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code text} has the shape of a service key (it may still be unknown or revoked). */
    public static boolean looksLikeKey(String text) {
        return text != null && text.length() == KEY_LENGTH && text.startsWith(PREFIX);
    }

    /** The SHA-256 of a key in lower-case hex: what the store keeps and what look-ups compare. */
    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The lower-cased name, or a {@link StoreException} saying why it is not a service name. */
    public static String requireValidName(String name) {
        if (name == null || name.isEmpty()) throw new StoreException("invalid service name: missing");
        String lowered = name.toLowerCase(Locale.ROOT);
        if (lowered.length() > MAX_NAME_LENGTH) {
            throw new StoreException("invalid service name " + quoted(name) + ": must be 1 to " + MAX_NAME_LENGTH
                    + " characters, was " + lowered.length());
        }
        for (int i = 0; i < lowered.length(); i++) {
            char c = lowered.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                throw new StoreException("invalid service name " + quoted(name)
                        + ": only letters a-z, digits and '_', '-' are allowed (it becomes part of WAMP URIs)");
            }
        }
        return lowered;
    }

    /** The stored form of a name, or empty when it breaks the rule (and so names no service). */
    static Optional<String> key(String name) {
        try {
            return Optional.of(requireValidName(name));
        } catch (StoreException e) {
            return Optional.empty();
        }
    }

    /** The name as it may appear in a message (the username rule's quoting: same length, same characters). */
    static String quoted(String name) {
        return Usernames.quoted(name);
    }
}
