package io.vakt.wamp.router;

import io.vakt.core.access.AccessLevel;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One row of the permission table. A rule applies to a session when the URI starts with {@code prefix}
 * (with {@code {account}} and {@code {authid}} filled in) and the session's role is in {@code roles} (an
 * empty set means every role). The first applying rule decides: the action is allowed when it is in
 * {@code allow} and the session's level is at least {@code minLevel}. A rule with an empty {@code allow} denies.
 *
 * <p>In a prefix, {@code {account}} is the project's account name, lower-cased; {@code {authid}} is the
 * session's authid (a service's own name).
 */
public record PermissionRule(String prefix, Set<String> roles, AccessLevel minLevel, Set<Action> allow) {
    public PermissionRule {
        Objects.requireNonNull(prefix, "prefix");
        prefix = prefix.toLowerCase(Locale.ROOT);
        roles = Set.copyOf(roles);
        minLevel = minLevel == null ? AccessLevel.None : minLevel;
        allow = Set.copyOf(allow);
    }

    /** Whether this rule speaks about {@code uri} for a session of {@code role} with {@code authid}. */
    boolean applies(String uri, String role, String authid, String account) {
        return appliesToRole(role) && uri.startsWith(resolve(account, authid));
    }

    boolean appliesToRole(String role) { return roles.isEmpty() || roles.contains(role); }

    boolean allows(Action action, AccessLevel level) { return allow.contains(action) && level.atLeast(minLevel); }

    String resolve(String account, String authid) {
        String resolved = prefix;
        if (resolved.indexOf('{') < 0) return resolved;
        resolved = resolved.replace("{account}", account.toLowerCase(Locale.ROOT));
        return resolved.replace("{authid}", authid.toLowerCase(Locale.ROOT));
    }
}
