package io.vakt.server.doctor;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One run of the doctor.
 *
 * @param target       the server
 * @param credentials  how to sign in
 * @param timeout      the limit of every single network wait (connect, handshake, answer, first value)
 * @param idle         how long to keep both WebSocket sessions quiet before proving they live; {@link Duration#ZERO} = not asked
 * @param extraTrusted CA certificates to trust besides the JDK's (a company CA, as {@code curl --cacert})
 */
public record DoctorOptions(DoctorTarget target, Credentials credentials, Duration timeout, Duration idle,
                            List<X509Certificate> extraTrusted) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public DoctorOptions {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(credentials, "credentials");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        idle = idle == null ? Duration.ZERO : idle;
        if (idle.isNegative()) throw new IllegalArgumentException("idle must not be negative");
        extraTrusted = List.copyOf(extraTrusted);
    }

    public static DoctorOptions of(DoctorTarget target, Credentials credentials) {
        return new DoctorOptions(target, credentials, DEFAULT_TIMEOUT, Duration.ZERO, List.of());
    }

    public DoctorOptions withTimeout(Duration value) { return new DoctorOptions(target, credentials, value, idle, extraTrusted); }

    public DoctorOptions withIdle(Duration value) { return new DoctorOptions(target, credentials, timeout, value, extraTrusted); }

    public DoctorOptions withExtraTrusted(List<X509Certificate> value) {
        return new DoctorOptions(target, credentials, timeout, idle, value);
    }
}
