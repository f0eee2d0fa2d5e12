package io.vakt.scripting;

import io.vakt.core.access.Principal;

import java.util.Objects;

/**
 * Who a ServerSideFunction call acts for (spec §7.6 decision): the caller token chosen from
 * {@code callmeta.token}, {@code _token} or the WAMP session's own credential, and the user or service it
 * names. Every access check made on behalf of the call ({@code legacy}, {@code call}) uses this caller.
 *
 * @param token     the token as presented (an access token or a service key); what {@code callInfo.token} shows
 * @param principal the user or service behind the token; its level is checked against the project's grants
 * @param service   true when the token is a service key
 */
public record SsfCaller(String token, Principal principal, boolean service) {
    public SsfCaller {
        Objects.requireNonNull(principal, "principal");
    }
}
