package io.vakt.core.access;

import io.vakt.core.model.Area;
import io.vakt.core.model.Project;

import java.util.Locale;
import java.util.Map;

/**
 * A user's level in a folder (spec §9 decision): the grant nearest to the folder, walking up to the root,
 * for the user by name or else for everyone ({@code *}); without any grant, the user's base level.
 * Admins keep {@code Admin} everywhere, so no project file can lock out the administrators.
 */
public final class AccessPolicy {
    public static final String EVERYONE = "*";

    private final Project project;

    public AccessPolicy(Project project) { this.project = project; }

    public AccessLevel levelIn(Principal principal, Area area) {
        if (principal.isAdmin()) return AccessLevel.Admin;
        String user = principal.username().toLowerCase(Locale.ROOT);
        for (Area folder : project.lineage(area)) {
            AccessLevel granted = grantFor(folder.grants(), user);
            if (granted != null) return granted;
        }
        return principal.baseLevel();
    }

    /** A folder is visible to a user whose level in it is at least {@code Guest}. */
    public boolean canSee(Principal principal, Area area) {
        return levelIn(principal, area).atLeast(AccessLevel.Guest);
    }

    private static AccessLevel grantFor(Map<String, AccessLevel> grants, String user) {
        if (grants.isEmpty()) return null;
        for (Map.Entry<String, AccessLevel> grant : grants.entrySet()) {
            if (grant.getKey().toLowerCase(Locale.ROOT).equals(user)) return grant.getValue();
        }
        return grants.get(EVERYONE);
    }
}
