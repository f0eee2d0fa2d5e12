package io.vakt.wamp.router;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.Principal;

import java.time.Instant;
import java.util.Objects;

/**
 * Who a session is, fixed at WELCOME. Users authenticate with their access token (spec §7.4 decision) and get
 * {@code authid} = their user name and {@code authrole} = {@value #USER_ROLE}; services authenticate with a
 * service key and get {@code authid} = the service name and {@code authrole} = {@value #SERVICE_ROLE}. The
 * token itself never appears in {@code authid}, so meta API answers and caller disclosure never leak it.
 *
 * @param principal  the user (or service) the session acts as; its base level is the session's level
 * @param credential the token or service key the session authenticated with: the default caller token of
 *                   the calls it makes (spec §7.6)
 * @param expiresAt  when the credential expires and the router ends the session; null = never
 */
public record Identity(String authid, String authrole, String authmethod, String authprovider, Principal principal,
                       String credential, Instant expiresAt) {
    public static final String USER_ROLE = "user";
    public static final String SERVICE_ROLE = "service";
    /** In-process services of the server itself ({@code LocalSession}). */
    public static final String SYSTEM_ROLE = "system";

    public Identity {
        Objects.requireNonNull(authid, "authid");
        Objects.requireNonNull(authrole, "authrole");
        Objects.requireNonNull(authmethod, "authmethod");
        Objects.requireNonNull(authprovider, "authprovider");
        Objects.requireNonNull(principal, "principal");
    }

    public AccessLevel level() { return principal.baseLevel(); }

    /** An in-process session of the server, with every right. */
    public static Identity system(String name) {
        return new Identity(name, SYSTEM_ROLE, "internal", "vakt", new Principal(name, AccessLevel.Admin), null, null);
    }
}
