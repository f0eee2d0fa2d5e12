package io.vakt.scripting.legacy;

import io.vakt.core.access.AccessLevel;
import io.vakt.core.access.AccessPolicy;
import io.vakt.core.access.Principal;
import io.vakt.core.error.Fault;
import io.vakt.core.error.VaktException;
import io.vakt.core.model.TechnicalAddress;

import java.util.Comparator;
import java.util.List;

/**
 * Who may read or write a bare technical address (spec §8.5 decision, §15 item 9): the same rules as GraphQL,
 * applied to the places the address is published. An occurrence counts only in a folder the caller can see
 * (level at least {@code Guest}); reading needs the level to reach that entry's {@code ReadAccess}, writing needs a
 * writable entry whose {@code ReadAccess} and {@code WriteAccess} the level reaches. Refusals are
 * {@code NOT_AUTHORIZED}; an address published only in folders the caller cannot see is refused exactly like
 * one published nowhere, so a refusal does not reveal hidden folders.
 */
final class LegacyAccess {
    private final PublishedAddresses published;
    private final AccessPolicy access;

    LegacyAccess(PublishedAddresses published, AccessPolicy access) {
        this.published = published;
        this.access = access;
    }

    /** The first occurrence through which {@code principal} may read {@code address}. */
    PublishedEntry forRead(Principal principal, TechnicalAddress address, String variable) {
        List<Seen> visible = visible(principal, address, variable);
        return visible.stream().filter(seen -> seen.level().atLeast(seen.entry().element().readAccess()))
                .findFirst().map(Seen::entry).orElseThrow(() -> {
                    Seen nearest = visible.stream().min(Comparator.comparing(s -> s.entry().element().readAccess())).orElseThrow();
                    return refused("reading " + variable + " needs " + nearest.entry().element().readAccess()
                            + ", you have " + nearest.level());
                });
    }

    /** The first occurrence through which {@code principal} may write {@code address}. */
    PublishedEntry forWrite(Principal principal, TechnicalAddress address, String variable) {
        List<Seen> writable = visible(principal, address, variable).stream()
                .filter(seen -> seen.entry().element().writable()).toList();
        if (writable.isEmpty()) throw refused(variable + " is not writable");
        return writable.stream().filter(seen -> seen.level().atLeast(needed(seen))).findFirst().map(Seen::entry)
                .orElseThrow(() -> {
                    Seen nearest = writable.stream().min(Comparator.comparing(LegacyAccess::needed)).orElseThrow();
                    return refused("writing " + variable + " needs " + needed(nearest) + ", you have " + nearest.level());
                });
    }

    private List<Seen> visible(Principal principal, TechnicalAddress address, String variable) {
        List<Seen> visible = published.of(address).stream()
                .map(entry -> new Seen(entry, access.levelIn(principal, entry.node().area())))
                .filter(seen -> seen.level().atLeast(AccessLevel.Guest))
                .toList();
        if (visible.isEmpty()) throw refused(variable + " is not published in any folder you can see");
        return visible;
    }

    /** A user who may not read an entry may not write it either (as {@code setData}). */
    private static AccessLevel needed(Seen seen) {
        AccessLevel read = seen.entry().element().readAccess();
        AccessLevel write = seen.entry().element().writeAccess();
        return read.atLeast(write) ? read : write;
    }

    private static VaktException refused(String reason) { return Fault.NOT_AUTHORIZED.exception(reason); }

    /** An occurrence and the caller's level in its folder. */
    private record Seen(PublishedEntry entry, AccessLevel level) {}
}
