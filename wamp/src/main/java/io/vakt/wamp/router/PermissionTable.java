package io.vakt.wamp.router;

import io.vakt.core.access.AccessLevel;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which roles may call, register, publish and subscribe which URI prefixes (issue: "a configurable
 * permission table"). URIs are compared lower-cased. In-process sessions of the server ({@link Identity#SYSTEM_ROLE})
 * may do everything. A URI no rule applies to is denied.
 *
 * @param account the project's account name; what {@code {account}} in a rule stands for
 */
public record PermissionTable(String account, List<PermissionRule> rules) {
    public PermissionTable {
        account = account.toLowerCase(Locale.ROOT);
        rules = List.copyOf(rules);
    }

    public boolean permits(Identity identity, Action action, String uri) {
        if (Identity.SYSTEM_ROLE.equals(identity.authrole())) return true;
        String lowered = uri.toLowerCase(Locale.ROOT);
        for (PermissionRule rule : rules) {
            if (rule.applies(lowered, identity.authrole(), identity.authid(), account)) {
                return rule.allows(action, identity.level());
            }
        }
        return false;
    }

    /**
     * Whether {@code action} is permitted on every URI that starts with {@code prefix}: the check for
     * pattern-based subscriptions and registrations, which reach URIs the pattern does not spell out. A prefix
     * subscription to {@code acc} would otherwise receive events under {@code accounts.} that a rule denies.
     * Every rule that could be the first to apply to some URI of the pattern's space must allow the action; the
     * walk stops at the first rule that covers the whole space. Conservative: a pattern reaching into a denied
     * corner is refused as a whole, and the client subscribes more narrowly.
     */
    public boolean permitsEvery(Identity identity, Action action, String prefix) {
        if (Identity.SYSTEM_ROLE.equals(identity.authrole())) return true;
        String lowered = prefix.toLowerCase(Locale.ROOT);
        for (PermissionRule rule : rules) {
            if (!rule.appliesToRole(identity.authrole())) continue;
            String ruleUris = rule.resolve(account, identity.authid());
            boolean coversAll = lowered.startsWith(ruleUris);
            if (!coversAll && !ruleUris.startsWith(lowered)) continue;
            if (!rule.allows(action, identity.level())) return false;
            if (coversAll) return true;
        }
        return false;
    }

    /**
     * The default table (spec §7.2–§7.5, §15 item 6): users may call the account's services; each service
     * may register, call, publish and subscribe under its own name and call and use the bus under the
     * account; nobody else touches {@code accounts.}; the meta API ({@code wamp.}) is for services and users
     * of level Service or above; {@code vakt.} is the server's own; every other URI is a free bus for
     * signed-in sessions.
     */
    public static PermissionTable defaults(String account) {
        Set<Action> all = EnumSet.allOf(Action.class);
        Set<String> anyone = Set.of(Identity.USER_ROLE, Identity.SERVICE_ROLE);
        return new PermissionTable(account, List.of(
                new PermissionRule("accounts.{account}.services.{authid}.", Set.of(Identity.SERVICE_ROLE), AccessLevel.None, all),
                new PermissionRule("accounts.{account}.services.", Set.of(Identity.USER_ROLE), AccessLevel.Guest, EnumSet.of(Action.CALL)),
                new PermissionRule("accounts.{account}.", Set.of(Identity.SERVICE_ROLE), AccessLevel.None,
                        EnumSet.of(Action.CALL, Action.PUBLISH, Action.SUBSCRIBE)),
                new PermissionRule("accounts.", Set.of(), AccessLevel.None, Set.of()),
                new PermissionRule("wamp.", anyone, AccessLevel.Service, EnumSet.of(Action.CALL, Action.SUBSCRIBE)),
                new PermissionRule("wamp.", Set.of(), AccessLevel.None, Set.of()),
                new PermissionRule("vakt.", Set.of(), AccessLevel.None, Set.of()),
                new PermissionRule("", anyone, AccessLevel.Guest, all)));
    }
}
