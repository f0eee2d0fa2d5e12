package io.vakt.store;

/**
 * Cost parameters for new Argon2id password hashes. Existing hashes keep the parameters written in
 * their PHC string, so these can be raised later without invalidating stored passwords.
 *
 * @param memoryKiB   memory per hash in KiB, at least {@code 8 * parallelism}, at most 4 GiB
 * @param iterations  passes over the memory, 1 to 1024
 * @param parallelism lanes, 1 to 255
 */
public record Argon2Settings(int memoryKiB, int iterations, int parallelism) {
    static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
    static final int MAX_ITERATIONS = 1024;
    static final int MAX_PARALLELISM = 255;

    public Argon2Settings {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1 to " + MAX_PARALLELISM + ", was " + parallelism);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("Argon2 iterations must be 1 to " + MAX_ITERATIONS + ", was " + iterations);
        }
        // Argon2 needs at least 8 KiB per lane (RFC 9106 §3.1)
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be " + 8 * parallelism + " to " + MAX_MEMORY_KIB
                    + " KiB for parallelism " + parallelism + ", was " + memoryKiB);
        }
    }

    /** The OWASP Password Storage Cheat Sheet's first Argon2id choice: 19 MiB, 2 iterations, 1 lane. */
    public static Argon2Settings defaults() {
        return new Argon2Settings(19456, 2, 1);
    }
}
