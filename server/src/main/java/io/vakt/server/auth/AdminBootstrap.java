package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.store.StoreException;
import io.vakt.store.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes a fresh installation usable: when the store has no user at all, creates {@code admin} with level
 * {@code Admin} and either the password the operator supplied ({@code VAKT_ADMIN_PASSWORD}) or a random one
 * that the CLI prints once. Blocks on the store and on password hashing: run it while the server starts.
 */
public final class AdminBootstrap {
    public static final String ADMIN_USERNAME = "admin";
    static final int GENERATED_LENGTH = 20;
    // No 0/O, 1/l/I: the password is read off a console and typed by hand
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserRepository users;
    private final SecureRandom random;

    public AdminBootstrap(UserRepository users, SecureRandom random) {
        this.users = Objects.requireNonNull(users, "users");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates the first administrator if there is no user yet.
     *
     * @param suppliedPassword the password to use, or null (or blank) to generate one
     * @return the generated password, to be shown once; empty if a password was supplied or users already exist
     */
    public Optional<String> ensureAdmin(String suppliedPassword) {
        if (users.count() > 0) return Optional.empty();
        boolean generate = suppliedPassword == null || suppliedPassword.isBlank();
        char[] password = generate ? generate() : suppliedPassword.toCharArray();
        try {
            users.create(ADMIN_USERNAME, password, AccessLevel.Admin);
            log.info("Created the first user '{}' with level Admin ({} password)", ADMIN_USERNAME,
                    generate ? "generated" : "supplied");
            return generate ? Optional.of(new String(password)) : Optional.empty();
        } catch (StoreException e) {
            // Another process (the CLI) created users between the count and the insert: nothing left to do
            if (users.count() > 0) return Optional.empty();
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] generate() {
        char[] password = new char[GENERATED_LENGTH];
        for (int i = 0; i < password.length; i++) password[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return password;
    }
}
