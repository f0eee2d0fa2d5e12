package io.vakt.server.auth;

import io.vakt.core.access.Principal;
import io.vakt.server.http.HttpAnswer;

import java.time.Instant;

/** Whether a request to an authorized endpoint may go on ({@link AuthGuard#check}). */
public sealed interface Guarded {
    /** A valid access token of an existing, enabled user. */
    record Allowed(Principal principal, String jti, Instant expiresAt) implements Guarded {}

    /** Refused; the router writes {@code answer} as it is ({@code 401}, with {@code token-expired: true} on expiry). */
    record Denied(HttpAnswer answer) implements Guarded {}
}
