package io.vakt.core.model;

import java.util.Optional;

/**
 * The {@code Variable} of a published variable or a view element: a technical address, pushed on every
 * change when it carries a leading {@code *} ("bound"), otherwise delivered once ("one-shot", spec §5.4).
 */
public record Binding(TechnicalAddress address, boolean bound) {

    /** Parses {@code *Ctrl.Var} or {@code Ctrl.Var}; empty for anything else. */
    public static Optional<Binding> parse(String variable) {
        if (variable == null) return Optional.empty();
        String text = variable.trim();
        boolean bound = text.startsWith("*");
        if (bound) text = text.substring(1).trim();
        return TechnicalAddress.parse(text).map(address -> new Binding(address, bound));
    }

    @Override
    public String toString() { return (bound ? "*" : "") + address; }
}
