package io.vakt.wamp.router;

import java.util.Locale;
import java.util.Optional;

/** What a session may be allowed to do on a URI (the permission table's actions). */
public enum Action {
    CALL, REGISTER, PUBLISH, SUBSCRIBE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optional<Action> parse(String text) {
        if (text == null) return Optional.empty();
        for (Action action : values()) if (action.id().equalsIgnoreCase(text.trim())) return Optional.of(action);
        return Optional.empty();
    }
}
