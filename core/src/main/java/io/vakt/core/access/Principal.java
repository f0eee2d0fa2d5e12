package io.vakt.core.access;

import java.util.Objects;

/**
 * Who is acting: a user name and the user's base level. The level on a given folder may differ through
 * grants in the project ({@link AccessPolicy}).
 */
public record Principal(String username, AccessLevel baseLevel) {
    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(baseLevel, "baseLevel");
    }

    public boolean isAdmin() { return baseLevel == AccessLevel.Admin; }
}
