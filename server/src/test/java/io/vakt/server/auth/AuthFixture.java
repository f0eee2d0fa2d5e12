package io.vakt.server.auth;

import io.vakt.core.access.AccessLevel;
import io.vakt.server.config.VaktConfig;
import io.vakt.store.Argon2Settings;
import io.vakt.store.StoreOptions;
import io.vakt.store.VaktStore;

import io.vakt.server.http.HttpAnswer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The auth package wired as the server wires it, on a real SQLite store in a temporary folder, with one
 * hand-moved clock for the store, the tokens and the throttle.
 */
final class AuthFixture implements AutoCloseable {
    static final VaktConfig.Tokens DEFAULT_LIFETIMES = new VaktConfig.Tokens(Duration.ofSeconds(600), Duration.ofDays(60));
    static final VaktConfig.Login DEFAULT_LOGIN = new VaktConfig.Login(3, Duration.ofMinutes(15), Duration.ofSeconds(30));

    static final String ADDRESS = "192.0.2.7";

    final MutableClock clock = MutableClock.atSomeMoment();
    final VaktStore store;
    final JwtService jwt;
    final ExecutorService blocking = Executors.newFixedThreadPool(4);
    final RecordingScheduler timer = new RecordingScheduler();
    final UserDirectory directory;
    final TokenService tokens;
    final LoginThrottle throttle;
    final LoginService login;

    AuthFixture(Path dataDir) {
        this(dataDir, DEFAULT_LIFETIMES);
    }

    AuthFixture(Path dataDir, VaktConfig.Tokens lifetimes) {
        store = VaktStore.open(dataDir, StoreOptions.defaults()
                .withPasswordHashing(new Argon2Settings(1024, 1, 1)).withClock(clock));
        jwt = JwtService.open(dataDir, clock);
        directory = new UserDirectory(store.users(), timer, blocking, Duration.ofHours(1));
        tokens = new TokenService(jwt, directory);
        throttle = new LoginThrottle(DEFAULT_LOGIN, clock);
        login = new LoginService(store, jwt, tokens, directory, throttle, lifetimes, blocking, timer);
    }

    void createUser(String username, String password, AccessLevel level) {
        store.users().create(username, password.toCharArray(), level);
        refreshDirectory();
    }

    /** Logs in and returns the 200 answer's body. */
    @SuppressWarnings("unchecked")
    Map<String, Object> loginAs(String username, String password) {
        HttpAnswer answer = await(login.login(body("username", username, "password", password), ADDRESS));
        if (answer.status() != 200) throw new AssertionError("login failed: " + answer);
        return (Map<String, Object>) answer.body();
    }

    static HttpAnswer await(CompletionStage<HttpAnswer> stage) {
        try {
            return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer", e);
        }
    }

    /** A parsed JSON object body from name, value pairs. */
    static JsonBody body(Object... pairs) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) fields.put((String) pairs[i], pairs[i + 1]);
        return new JsonBody.Parsed(fields);
    }

    void refreshDirectory() {
        directory.refreshNow().toCompletableFuture().join();
    }

    @Override
    public void close() throws Exception {
        directory.close();
        timer.shutdownNow();
        blocking.shutdown();
        blocking.awaitTermination(10, TimeUnit.SECONDS);
        store.close();
    }
}
