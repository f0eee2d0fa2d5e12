package io.vakt.wamp.broker;

import io.vakt.wamp.router.Identity;
import io.vakt.wamp.router.Peer;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one publication that the broker acts on (WAMP spec "Publish", "Subscriber Black- and
 * Whitelisting", "Publisher Exclusion", "Publisher Identification", "Event Retention").
 *
 * @param excludeMe        drop the publisher from the receivers (default true)
 * @param exclude          session ids that must not receive the event
 * @param excludeAuthid    authids that must not receive the event
 * @param excludeAuthrole  authroles that must not receive the event
 * @param eligible         when not null, only these session ids may receive the event
 * @param eligibleAuthid   when not null, only sessions with these authids may receive the event
 * @param eligibleAuthrole when not null, only sessions with these authroles may receive the event
 * @param acknowledge      answer the publisher with PUBLISHED (or ERROR)
 * @param retain           keep the event as the topic's retained event
 * @param discloseMe       tell receivers who published
 */
public record PublishOptions(boolean excludeMe, Set<Long> exclude, Set<String> excludeAuthid,
                             Set<String> excludeAuthrole, Set<Long> eligible, Set<String> eligibleAuthid,
                             Set<String> eligibleAuthrole, boolean acknowledge, boolean retain, boolean discloseMe) {

    /** The defaults of a PUBLISH with empty options. */
    public static final PublishOptions DEFAULTS =
            new PublishOptions(true, Set.of(), Set.of(), Set.of(), null, null, null, false, false, false);

    /** What the router's own publications use: nothing excluded, nothing disclosed. */
    public static final PublishOptions ROUTER =
            new PublishOptions(false, Set.of(), Set.of(), Set.of(), null, null, null, false, false, false);

    public PublishOptions {
        exclude = Set.copyOf(exclude);
        excludeAuthid = Set.copyOf(excludeAuthid);
        excludeAuthrole = Set.copyOf(excludeAuthrole);
        eligible = eligible == null ? null : Set.copyOf(eligible);
        eligibleAuthid = eligibleAuthid == null ? null : Set.copyOf(eligibleAuthid);
        eligibleAuthrole = eligibleAuthrole == null ? null : Set.copyOf(eligibleAuthrole);
    }

    /**
     * Reads the options of a PUBLISH (or of a testament's {@code publish_options}). Unknown keys are ignored, as
     * the spec asks of routers.
     *
     * @throws IllegalArgumentException when an option has the wrong type; the text names it
     */
    public static PublishOptions parse(Map<String, Object> options) {
        if (options.isEmpty()) return DEFAULTS;
        return new PublishOptions(
                flag(options, "exclude_me", true),
                ids(options, "exclude", Set.of()),
                strings(options, "exclude_authid", Set.of()),
                strings(options, "exclude_authrole", Set.of()),
                ids(options, "eligible", null),
                strings(options, "eligible_authid", null),
                strings(options, "eligible_authrole", null),
                flag(options, "acknowledge", false),
                flag(options, "retain", false),
                flag(options, "disclose_me", false));
    }

    /** These options for a publication made on a session's behalf after it left (a testament). */
    public PublishOptions asTestament() {
        return new PublishOptions(false, exclude, excludeAuthid, excludeAuthrole, eligible, eligibleAuthid,
                eligibleAuthrole, false, retain, discloseMe);
    }

    /**
     * Whether {@code receiver} may get the event of a publication by session {@code publisherId} (0 for the
     * router). Black- and whitelists combine: a receiver must pass every list given.
     */
    public boolean admits(Peer receiver, long publisherId) {
        long id = receiver.sessionId();
        if (excludeMe && id == publisherId) return false;
        if (!exclude.isEmpty() && exclude.contains(id)) return false;
        if (eligible != null && !eligible.contains(id)) return false;
        if (excludeAuthid.isEmpty() && excludeAuthrole.isEmpty() && eligibleAuthid == null && eligibleAuthrole == null) {
            return true;
        }
        Identity identity = receiver.identity();
        if (excludeAuthid.contains(identity.authid()) || excludeAuthrole.contains(identity.authrole())) return false;
        if (eligibleAuthid != null && !eligibleAuthid.contains(identity.authid())) return false;
        return eligibleAuthrole == null || eligibleAuthrole.contains(identity.authrole());
    }

    private static boolean flag(Map<String, Object> options, String key, boolean absent) {
        Object value = options.get(key);
        if (value == null) return absent;
        if (value instanceof Boolean b) return b;
        throw new IllegalArgumentException("option '" + key + "' must be a boolean");
    }

    private static Set<Long> ids(Map<String, Object> options, String key, Set<Long> absent) {
        Object value = options.get(key);
        if (value == null) return absent;
        if (!(value instanceof List<?> list)) throw new IllegalArgumentException("option '" + key + "' must be a list of session ids");
        Set<Long> ids = new HashSet<>(list.size() * 2);
        for (Object element : list) {
            Long id = asId(element);
            if (id == null) throw new IllegalArgumentException("option '" + key + "' must be a list of session ids");
            ids.add(id);
        }
        return ids;
    }

    private static Set<String> strings(Map<String, Object> options, String key, Set<String> absent) {
        Object value = options.get(key);
        if (value == null) return absent;
        if (!(value instanceof List<?> list)) throw new IllegalArgumentException("option '" + key + "' must be a list of strings");
        Set<String> strings = new HashSet<>(list.size() * 2);
        for (Object element : list) {
            if (!(element instanceof String s)) throw new IllegalArgumentException("option '" + key + "' must be a list of strings");
            strings.add(s);
        }
        return strings;
    }

    /** A session id given as any integral number, or null when the value is not one. */
    static Long asId(Object value) {
        return switch (value) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Byte b -> b.longValue();
            case BigInteger big when big.bitLength() < 64 -> big.longValue();
            case null, default -> null;
        };
    }
}
