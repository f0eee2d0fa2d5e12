package io.vakt.server.auth;

import io.vakt.core.access.Authentication;
import io.vakt.core.access.TokenVerifier;
import io.vakt.core.error.Fault;
import io.vakt.server.config.VaktConfig;
import io.vakt.server.http.HttpAnswer;
import io.vakt.store.RotationOutcome;
import io.vakt.store.UserRecord;
import io.vakt.store.VaktStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The four login endpoints of spec §2.2 — {@code POST /login}, {@code /login/refresh}, {@code /login/verify},
 * {@code /logout} — as methods the router calls once it has checked the Content-Type ({@code 415} is its own)
 * and read the body. Every method returns at once: password hashing and SQLite run on the {@code blocking}
 * executor, and a login throttle delay is a timer on {@code timer}, never a sleeping thread.
 */
public final class LoginService {
    private static final Logger log = LoggerFactory.getLogger(LoginService.class);

    private final VaktStore store;
    private final JwtService jwt;
    private final TokenVerifier tokens;
    private final AuthGuard guard;
    private final UserDirectory directory;
    private final LoginThrottle throttle;
    private final VaktConfig.Tokens lifetimes;
    private final Executor blocking;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    /**
     * @param tokens   checks access tokens for verify and logout (normally a {@link TokenService} on {@code jwt})
     * @param blocking runs password hashing and store calls
     * @param timer    only waits out throttle delays; the work then moves to {@code blocking}
     */
    public LoginService(VaktStore store, JwtService jwt, TokenVerifier tokens, UserDirectory directory,
                        LoginThrottle throttle, VaktConfig.Tokens lifetimes, Executor blocking,
                        ScheduledExecutorService timer) {
        this.store = Objects.requireNonNull(store, "store");
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.guard = new AuthGuard(tokens);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        this.blocking = Objects.requireNonNull(blocking, "blocking");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = jwt.clock();
    }

    /**
     * {@code POST /login}: {@code {"username": str, "password": str}}, other fields ignored (spec §2.2). {@code 200}
     * with both tokens, {@code 400} for a malformed body, {@code 401} for bad credentials — the same for an
     * unknown user, a wrong password and a disabled user.
     */
    public CompletionStage<HttpAnswer> login(JsonBody body, String clientAddress) {
        if (!(body instanceof JsonBody.Parsed parsed)) return done(malformed(body));
        String username = parsed.string("username");
        if (username == null) return done(missingField("username"));
        String password = parsed.string("password");
        if (password == null) return done(missingField("password"));
        // The delay comes before the password check, so a guesser learns nothing sooner by hurrying
        Duration delay = throttle.delayFor(username, clientAddress);
        return onBlocking(delay, () -> authenticate(username, password, clientAddress));
    }

    /**
     * {@code POST /login/refresh}: {@code {"refreshToken": str}} with the access token it was issued with in
     * {@code Authorization}, expired or not (spec §2.2). Both tokens rotate. {@code 400} for a malformed body,
     * {@code 401} for a missing or forged access token and for any refresh token that cannot be exchanged.
     */
    public CompletionStage<HttpAnswer> refresh(JsonBody body, String authorizationHeader, String clientAddress) {
        if (!(body instanceof JsonBody.Parsed parsed)) return done(malformed(body));
        String refreshToken = parsed.string("refreshToken");
        if (refreshToken == null) return done(missingField("refreshToken"));
        if (!(BearerHeader.parse(authorizationHeader) instanceof BearerHeader.Token bearer)) {
            return done(HttpAnswer.error(Fault.UNAUTHENTICATED, "refresh needs the access token issued with the refresh token"));
        }
        return switch (jwt.check(bearer.token())) {
            case JwtCheck.Valid valid -> onBlocking(Duration.ZERO,
                    () -> rotate(TokenVerifier.stripBearer(refreshToken), valid.username(), valid.jti(), clientAddress));
            case JwtCheck.Expired expired -> onBlocking(Duration.ZERO,
                    () -> rotate(TokenVerifier.stripBearer(refreshToken), expired.username(), expired.jti(), clientAddress));
            case JwtCheck.Invalid invalid -> done(HttpAnswer.error(Fault.UNAUTHENTICATED));
        };
    }

    /**
     * {@code POST /login/verify}: {@code {"authToken": str}}; {@code 204} if this server issued it, it has not
     * expired and its user still exists and is enabled; {@code 400} in every other case (spec §2.2).
     */
    public CompletionStage<HttpAnswer> verify(JsonBody body) {
        if (!(body instanceof JsonBody.Parsed parsed)) return done(malformed(body));
        String token = parsed.string("authToken");
        if (token == null) return done(missingField("authToken"));
        return done(switch (tokens.verify(token)) {
            case Authentication.Authenticated ok -> HttpAnswer.noContent();
            case Authentication.Expired expired -> HttpAnswer.error(Fault.TOKEN_EXPIRED).withStatus(400);
            case Authentication.Invalid invalid -> HttpAnswer.error(Fault.INVALID_AUTH_TOKEN).withStatus(400);
        });
    }

    /**
     * {@code POST /logout} (spec §2.2). With an {@code Authorization} header the access token wins: invalid →
     * {@code 401} ({@code token-expired: true} when expired), valid → the refresh tokens issued with it are
     * revoked → {@code 204}. Without one, {@code {"refreshToken": str}} is revoked → {@code 204}; an unknown or
     * already revoked one, or no token at all → {@code 400}. Access tokens themselves stay usable until they expire.
     */
    public CompletionStage<HttpAnswer> logout(JsonBody body, String authorizationHeader) {
        if (!(BearerHeader.parse(authorizationHeader) instanceof BearerHeader.Absent)) {
            return switch (guard.check(authorizationHeader)) {
                case Guarded.Denied denied -> done(denied.answer());
                case Guarded.Allowed allowed -> onBlocking(Duration.ZERO, () -> {
                    int revoked = store.refreshTokens().revokeIssuedWith(allowed.jti());
                    log.info("User {} logged out ({} refresh token(s) revoked)",
                            LogText.quoted(allowed.principal().username()), revoked);
                    return HttpAnswer.noContent();
                });
            };
        }
        String refreshToken = body instanceof JsonBody.Parsed parsed ? parsed.string("refreshToken") : null;
        if (refreshToken == null) {
            return done(HttpAnswer.error(Fault.MALFORMED_BODY,
                    "logout needs an access token in Authorization or {\"refreshToken\": string} in the body"));
        }
        return onBlocking(Duration.ZERO, () -> store.refreshTokens().revoke(TokenVerifier.stripBearer(refreshToken))
                ? HttpAnswer.noContent()
                : HttpAnswer.error(Fault.INVALID_REFRESH_TOKEN).withStatus(400));
    }

    private HttpAnswer authenticate(String username, String password, String clientAddress) {
        char[] secret = password.toCharArray();
        Optional<UserRecord> user;
        try {
            user = store.users().authenticate(username, secret);
        } finally {
            Arrays.fill(secret, '\0');
        }
        if (user.isEmpty()) {
            throttle.recordFailure(username, clientAddress);
            return HttpAnswer.error(Fault.BAD_CREDENTIALS);
        }
        throttle.recordSuccess(username, clientAddress);
        directory.learn(user.get());
        String name = user.get().username();
        IssuedToken access = jwt.issue(name, lifetimes.accessLifetime());
        String refresh = store.refreshTokens().issue(name, access.jti(), clock.instant().plus(lifetimes.refreshLifetime()));
        log.info("User {} logged in from {}", LogText.quoted(name), LogText.address(clientAddress));
        return tokenAnswer(access, refresh);
    }

    private HttpAnswer rotate(String refreshToken, String username, String accessTokenId, String clientAddress) {
        String newJti = UUID.randomUUID().toString();
        Instant now = clock.instant();
        RotationOutcome outcome = store.refreshTokens().rotate(refreshToken, accessTokenId, username, newJti,
                now.plus(lifetimes.refreshLifetime()), now);
        return switch (outcome) {
            case RotationOutcome.Rotated rotated ->
                    tokenAnswer(jwt.issue(rotated.username(), lifetimes.accessLifetime(), newJti), rotated.newRefreshToken());
            case RotationOutcome.Reused reused -> {
                log.warn("A spent refresh token of user {} was presented again from {}: possible token theft, "
                        + "every refresh token of that login was revoked", LogText.quoted(reused.username()),
                        LogText.address(clientAddress));
                yield refused(username, clientAddress, "reused");
            }
            case RotationOutcome.Unknown unknown -> refused(username, clientAddress, "unknown");
            case RotationOutcome.Expired expired -> refused(username, clientAddress, "expired");
            case RotationOutcome.Revoked revoked -> refused(username, clientAddress, "revoked");
            case RotationOutcome.Mismatch mismatch -> refused(username, clientAddress, "not issued with that access token");
        };
    }

    private static HttpAnswer refused(String username, String clientAddress, String why) {
        log.debug("Refresh for user {} from {} refused: refresh token {}", LogText.quoted(username),
                LogText.address(clientAddress), why);
        return HttpAnswer.error(Fault.INVALID_REFRESH_TOKEN);
    }

    // Key order as in spec §2.2; no-store because a cached token answer would hand the tokens to the next reader
    private HttpAnswer tokenAnswer(IssuedToken access, String refreshToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("authToken", access.token());
        body.put("expires_in", lifetimes.accessLifetime().toSeconds());
        body.put("refreshToken", refreshToken);
        return HttpAnswer.ok(body).withHeader("Cache-Control", "no-store");
    }

    private static HttpAnswer malformed(JsonBody body) {
        return switch (body) {
            case JsonBody.Empty empty -> HttpAnswer.error(Fault.MALFORMED_BODY, "the request body is empty");
            case JsonBody.Malformed malformed -> HttpAnswer.error(Fault.MALFORMED_BODY, malformed.reason());
            case JsonBody.Parsed parsed -> throw new IllegalArgumentException("a parsed body is not malformed");
        };
    }

    private static HttpAnswer missingField(String name) {
        return HttpAnswer.error(Fault.MALFORMED_BODY, "the body needs a string field '" + name + "'");
    }

    private static CompletionStage<HttpAnswer> done(HttpAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /** Runs {@code work} on the blocking executor after {@code delay}; a failure becomes a {@code 500} answer. */
    private CompletionStage<HttpAnswer> onBlocking(Duration delay, Supplier<HttpAnswer> work) {
        CompletableFuture<HttpAnswer> answer = new CompletableFuture<>();
        Runnable submit = () -> {
            try {
                blocking.execute(() -> answer.complete(run(work)));
            } catch (RejectedExecutionException e) {
                answer.complete(HttpAnswer.error(Fault.GOING_AWAY));
            }
        };
        if (delay.isZero()) {
            submit.run();
        } else {
            try {
                timer.schedule(submit, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                answer.complete(HttpAnswer.error(Fault.GOING_AWAY));
            }
        }
        return answer;
    }

    private static HttpAnswer run(Supplier<HttpAnswer> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            log.error("A login request failed", e);
            return HttpAnswer.error(Fault.INTERNAL);
        }
    }
}
