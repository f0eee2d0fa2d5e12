package io.vakt.server.auth;

import io.vakt.server.config.VaktConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Slows down repeated failed logins for a user or from an address, and logs them. Failures are counted per
 * lower-cased username and per client address in a window that opens with the first failure and lasts
 * {@code Login.window}. Once {@code Login.freeFailures} failures are spent, each further attempt waits before its
 * password is checked: 1 s, then twice as long after each further failure, at most {@code Login.maxDelay}; the
 * larger of the user's and the address's delay applies. A success clears the user's count but not the address's,
 * so an attacker cannot reset the count by logging into an account of their own from the same address.
 *
 * <p>Memory is bounded: each of the two tables tracks at most {@code maxTrackedKeys} keys and forgets the one
 * whose window opened first when full; counts whose window has passed are dropped as they are met. Thread-safe.
 */
public final class LoginThrottle {
    /** Default bound on the users, and separately the addresses, tracked at once. */
    public static final int DEFAULT_MAX_TRACKED_KEYS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

    private final VaktConfig.Login settings;
    private final Clock clock;
    private final Counts byUser;
    private final Counts byAddress;

    public LoginThrottle(VaktConfig.Login settings, Clock clock) {
        this(settings, clock, DEFAULT_MAX_TRACKED_KEYS);
    }

    public LoginThrottle(VaktConfig.Login settings, Clock clock, int maxTrackedKeys) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (settings.freeFailures() < 0) throw new IllegalArgumentException("login freeFailures must not be negative");
        if (!settings.window().isPositive()) throw new IllegalArgumentException("login window must be positive");
        if (settings.maxDelay().isNegative()) throw new IllegalArgumentException("login maxDelay must not be negative");
        if (maxTrackedKeys < 1) throw new IllegalArgumentException("maxTrackedKeys must be positive");
        this.byUser = new Counts(maxTrackedKeys);
        this.byAddress = new Counts(maxTrackedKeys);
    }

    /** How long the next attempt for this user from this address must wait before its password is checked. */
    public Duration delayFor(String username, String address) {
        Instant now = clock.instant();
        int userFailures;
        int addressFailures;
        synchronized (this) {
            userFailures = byUser.failures(userKey(username), now);
            addressFailures = byAddress.failures(address, now);
        }
        return delayAfter(Math.max(userFailures, addressFailures));
    }

    /** Counts a failed login; once the free failures are spent it is logged at WARN with the delay it causes. */
    public void recordFailure(String username, String address) {
        Instant now = clock.instant();
        int userFailures;
        int addressFailures;
        synchronized (this) {
            userFailures = byUser.add(userKey(username), now);
            addressFailures = byAddress.add(address, now);
        }
        Duration delay = delayAfter(Math.max(userFailures, addressFailures));
        if (delay.isPositive()) {
            // Never the password: only who, from where, how often, and what it costs them now
            log.warn("Repeated failed logins for user {} from {}: {} failures for the user and {} from the address "
                            + "within {}; the next attempt is delayed by {}", LogText.quoted(username),
                    LogText.address(address), userFailures, addressFailures, LogText.duration(settings.window()),
                    LogText.duration(delay));
        } else {
            log.info("Failed login for user {} from {}", LogText.quoted(username), LogText.address(address));
        }
    }

    /** Forgets the user's failures after a successful login; the address keeps its count. */
    public void recordSuccess(String username, String address) {
        synchronized (this) {
            byUser.clear(userKey(username));
        }
    }

    /**
     * The wait before the next attempt after {@code failures} failures within the window: none for the free ones,
     * then 1 s, doubling with each further failure, at most {@code maxDelay}. This is the rule's
     * {@code 1 s × 2^(failures − freeFailures − 1)} with the attempt about to be made counted as a failure.
     */
    Duration delayAfter(int failures) {
        // A first attempt never waits, so no free failures behaves like one
        int free = Math.max(1, settings.freeFailures());
        if (failures < free) return Duration.ZERO;
        int exponent = failures - free;
        // 2^31 s exceeds any sensible cap, and keeps the shift from overflowing
        Duration delay = exponent >= 31 ? settings.maxDelay() : Duration.ofSeconds(1L << exponent);
        return delay.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : delay;
    }

    /** How many users and addresses are tracked. */
    synchronized int trackedKeys() {
        return byUser.entries.size() + byAddress.entries.size();
    }

    private static String userKey(String username) {
        return username == null ? null : username.toLowerCase(Locale.ROOT);
    }

    private final class Counts {
        // Insertion order is window-opening order, because a new window re-inserts its key
        private final LinkedHashMap<String, Window> entries;

        Counts(int maxKeys) {
            this.entries = new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                    return size() > maxKeys;
                }
            };
        }

        int failures(String key, Instant now) {
            forgetExpired(now);
            if (key == null) return 0;
            Window window = entries.get(key);
            return window == null ? 0 : window.failures;
        }

        int add(String key, Instant now) {
            forgetExpired(now);
            if (key == null) return 0;
            Window window = entries.get(key);
            if (window == null) {
                window = new Window(now);
                entries.put(key, window);
            }
            return ++window.failures;
        }

        void clear(String key) {
            if (key != null) entries.remove(key);
        }

        private void forgetExpired(Instant now) {
            Iterator<Window> oldestFirst = entries.values().iterator();
            while (oldestFirst.hasNext()) {
                if (now.isBefore(oldestFirst.next().opened.plus(settings.window()))) return;
                oldestFirst.remove();
            }
        }
    }

    private static final class Window {
        final Instant opened;
        int failures;

        Window(Instant opened) { this.opened = opened; }
    }
}
