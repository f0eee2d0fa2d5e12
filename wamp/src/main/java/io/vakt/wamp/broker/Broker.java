package io.vakt.wamp.broker;

import io.vakt.wamp.broker.RetainedEvents.Retained;
import io.vakt.wamp.broker.SubscriptionTable.Joined;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.message.WampMessage.Event;
import io.vakt.wamp.message.WampMessage.Publish;
import io.vakt.wamp.message.WampMessage.Subscribe;
import io.vakt.wamp.message.WampMessage.Unsubscribe;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.router.Action;
import io.vakt.wamp.router.EncodedOnce;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.MetaPublisher;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.router.WampUris;
import io.vakt.wamp.uri.MatchPolicy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Routes the events of one realm: the WAMP broker role of the basic profile plus publisher identification,
 * publisher exclusion, subscriber black- and whitelisting, pattern-based subscription, event retention and
 * the subscription meta events. The session layer hands it messages whose URIs are lower-cased and valid,
 * whose permissions are checked and whose options have the right types. Router thread only: no locks.
 *
 * <p>Every EVENT is built once per subscription and encoded at most once per serialization format, however
 * many sessions receive it ({@link EncodedOnce}).
 */
public final class Broker implements MetaPublisher {
    /** Subscription meta events (WAMP spec "Subscription Meta API"). */
    public static final String ON_CREATE = "wamp.subscription.on_create";
    public static final String ON_SUBSCRIBE = "wamp.subscription.on_subscribe";
    public static final String ON_UNSUBSCRIBE = "wamp.subscription.on_unsubscribe";
    public static final String ON_DELETE = "wamp.subscription.on_delete";

    private final IdGenerator ids;
    private final WampConfig config;
    private final WampStats stats;
    private final Clock clock;
    private final SubscriptionTable table = new SubscriptionTable();
    private final RetainedEvents retained = new RetainedEvents();

    public Broker(IdGenerator ids, WampConfig config, WampStats stats) {
        this(ids, config, stats, Clock.systemUTC());
    }

    /** @param clock stamps the {@code created} time of subscriptions */
    public Broker(IdGenerator ids, WampConfig config, WampStats stats, Clock clock) {
        this.ids = ids;
        this.config = config;
        this.stats = stats;
        this.clock = clock;
    }

    /**
     * SUBSCRIBE (WAMP spec "Subscribing and Unsubscribing", "Pattern-based Subscription", "Event Retention"); a
     * session holding {@link WampConfig#maxSubscriptionsPerSession} subscriptions gets ERROR limit_exceeded.
     */
    public void subscribe(Peer subscriber, Subscribe subscribe) {
        MatchPolicy match = MatchPolicy.parse(subscribe.options().get("match"));
        if (match == null) {
            subscriber.send(error(Subscribe.CODE, subscribe.request(), WampUris.INVALID_ARGUMENT,
                    "option 'match' must be exact, prefix or wildcard"));
            return;
        }
        if (overLimit(subscriber.sessionId(), subscribe.topic(), match)) {
            subscriber.send(error(Subscribe.CODE, subscribe.request(), WampUris.LIMIT_EXCEEDED,
                    "at most " + config.maxSubscriptionsPerSession() + " subscriptions per session"));
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Joined joined = table.join(subscriber, subscribe.topic(), match, ids::routerScope, now);
        Subscription subscription = joined.subscription();
        subscriber.send(new WampMessage.Subscribed(subscribe.request(), subscription.id));
        if (Boolean.TRUE.equals(subscribe.options().get("get_retained"))) sendRetained(subscriber, subscription);
        if (announced(subscription)) {
            long session = subscriber.sessionId();
            if (joined.created()) publish(ON_CREATE, Payload.of(List.of(session, subscription.describe())));
            if (joined.added()) publish(ON_SUBSCRIBE, Payload.of(List.of(session, subscription.id)));
        }
    }

    /** UNSUBSCRIBE (WAMP spec "Subscribing and Unsubscribing"). */
    public void unsubscribe(Peer subscriber, Unsubscribe unsubscribe) {
        Subscription subscription = table.byId(unsubscribe.subscription());
        long session = subscriber.sessionId();
        if (subscription == null || !subscription.has(session)) {
            subscriber.send(error(Unsubscribe.CODE, unsubscribe.request(), WampUris.NO_SUCH_SUBSCRIPTION,
                    "this session has no subscription " + unsubscribe.subscription()));
            return;
        }
        boolean deleted = table.leave(session, subscription);
        subscriber.send(new WampMessage.Unsubscribed(unsubscribe.request(), Map.of()));
        announceLeft(session, subscription, deleted);
    }

    /**
     * PUBLISH (WAMP spec "Publishing and Events" and the advanced publication options). The publication is
     * answered only when it asks for an acknowledgement: autobahn clients take an ERROR for an unacknowledged
     * PUBLISH as a protocol violation.
     */
    public void publish(Peer publisher, Publish publish) {
        boolean acknowledge = Boolean.TRUE.equals(publish.options().get("acknowledge"));
        PublishOptions options;
        try {
            options = PublishOptions.parse(publish.options());
        } catch (IllegalArgumentException invalid) {
            if (acknowledge) {
                publisher.send(error(Publish.CODE, publish.request(), WampUris.INVALID_ARGUMENT, invalid.getMessage()));
            }
            return;
        }
        stats.publications.increment();
        long publication = ids.global();
        // The acknowledgement goes first so the publisher's own event (exclude_me=false) never overtakes it.
        if (acknowledge) publisher.send(new WampMessage.Published(publish.request(), publication));
        dispatch(publisher, publish.topic(), publish.payload(), options, publication);
    }

    /**
     * Publishes on behalf of {@code publisher}, which may have left already (a testament): its options apply
     * except acknowledgement and publisher exclusion.
     *
     * @return the publication id
     */
    public long publishFor(Peer publisher, String topic, Payload payload, PublishOptions options) {
        stats.publications.increment();
        long publication = ids.global();
        dispatch(publisher, topic, payload, options.asTestament(), publication);
        return publication;
    }

    /**
     * An event from the router itself (meta events): no publisher, nobody excluded, nothing retained. Not counted
     * in {@link WampStats#publications}, which counts what sessions publish; its deliveries are counted.
     */
    @Override
    public void publish(String topic, Payload payload) {
        dispatch(null, topic, payload, PublishOptions.ROUTER, ids.global());
    }

    /** Removes a leaving session from every subscription it holds, with the meta events each removal causes. */
    public void sessionLeft(Peer peer) {
        long session = peer.sessionId();
        for (Subscription subscription : table.ofSession(session)) {
            boolean deleted = table.leave(session, subscription);
            announceLeft(session, subscription, deleted);
        }
    }

    /** Whether the permission table lets {@code publisher} publish to {@code topic} (for testaments). */
    public boolean mayPublish(Peer publisher, String topic) {
        return config.permissions() != null && config.permissions().permits(publisher.identity(), Action.PUBLISH, topic);
    }

    // ---- WAMP spec "Subscription Meta API": the queries behind wamp.subscription.* ----

    /** Subscription ids per match policy: {@code {exact: [ids], prefix: [ids], wildcard: [ids]}}. */
    public Map<String, List<Long>> list() { return table.list(); }

    /** The id of the subscription on ({@code uri}, {@code match}), or null; a null match means exact. */
    public Long lookup(String uri, String match) {
        MatchPolicy policy = MatchPolicy.parse(match);
        Subscription subscription = policy == null ? null : table.find(uri, policy);
        return subscription == null ? null : subscription.id;
    }

    /** The ids of every subscription a publication to {@code topic} would reach (empty when none). */
    public List<Long> match(String topic) {
        List<Long> found = new ArrayList<>();
        for (Subscription subscription : table.matching(topic)) found.add(subscription.id);
        return found;
    }

    /** {@code {id, created, uri, match}} of a subscription, or null when there is none with this id. */
    public Map<String, Object> get(long id) {
        Subscription subscription = table.byId(id);
        return subscription == null ? null : subscription.describe();
    }

    /** The subscribers' session ids in join order, or null when there is no subscription with this id. */
    public List<Long> subscribers(long id) {
        Subscription subscription = table.byId(id);
        return subscription == null ? null : subscription.subscriberIds();
    }

    /** The number of subscribers, or null when there is no subscription with this id. */
    public Integer subscriberCount(long id) {
        Subscription subscription = table.byId(id);
        return subscription == null ? null : subscription.size();
    }

    private void dispatch(Peer publisher, String topic, Payload payload, PublishOptions options, long publication) {
        long publisherId = publisher == null ? 0 : publisher.sessionId();
        Map<String, Object> disclosure = disclosure(publisher, options);
        if (options.retain()) {
            retained.keep(new Retained(topic, publication, publisherId, disclosure, payload, options));
        }
        List<Subscription> reached = table.matching(topic);
        Map<String, Object> withTopic = null;
        for (Subscription subscription : reached) {
            Map<String, Object> details = disclosure;
            // WAMP spec "Pattern-based Subscription": receivers of a pattern learn the actual topic.
            if (subscription.match != MatchPolicy.EXACT) {
                if (withTopic == null) withTopic = details(topic, disclosure, false);
                details = withTopic;
            }
            deliver(subscription, new Event(subscription.id, publication, details, payload), options, publisherId);
        }
    }

    private void deliver(Subscription subscription, Event event, PublishOptions options, long publisherId) {
        EncodedOnce encoded = null;
        for (Peer receiver : subscription.receivers()) {
            if (!receiver.isOpen() || !options.admits(receiver, publisherId)) continue;
            if (encoded == null) encoded = new EncodedOnce(event);
            receiver.sendEvent(encoded);
            stats.eventsDelivered.increment();
        }
    }

    /**
     * WAMP spec "Event Retention": the retained events a new subscription reaches, filtered by their black- and
     * whitelists. Publisher exclusion is not applied: it keeps a publisher from hearing its own publication
     * echoed, not from reading the topic's state later.
     */
    private void sendRetained(Peer subscriber, Subscription subscription) {
        for (Retained event : retained.matching(subscription)) {
            if (!event.options().admits(subscriber, 0)) continue;
            String topic = subscription.match == MatchPolicy.EXACT ? null : event.topic();
            Map<String, Object> details = details(topic, event.disclosure(), true);
            subscriber.sendEvent(new EncodedOnce(new Event(subscription.id, event.publication(), details, event.payload())));
            stats.eventsDelivered.increment();
        }
    }

    /** WAMP spec "Publisher Identification": who published, only when the publisher asked to be disclosed. */
    private static Map<String, Object> disclosure(Peer publisher, PublishOptions options) {
        if (publisher == null || !options.discloseMe()) return Map.of();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("publisher", publisher.sessionId());
        details.put("publisher_authid", publisher.identity().authid());
        details.put("publisher_authrole", publisher.identity().authrole());
        return Collections.unmodifiableMap(details);
    }

    private static Map<String, Object> details(String topic, Map<String, Object> disclosure, boolean retained) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (topic != null) details.put("topic", topic);
        details.putAll(disclosure);
        if (retained) details.put("retained", true);
        return Collections.unmodifiableMap(details);
    }

    /**
     * Whether this SUBSCRIBE would take the session past {@link WampConfig#maxSubscriptionsPerSession}. Repeating
     * a subscription the session holds adds nothing (the spec answers it with the same id), so it always passes.
     */
    private boolean overLimit(long session, String topic, MatchPolicy match) {
        return table.countOf(session) >= config.maxSubscriptionsPerSession() && !table.holds(session, topic, match);
    }

    private void announceLeft(long session, Subscription subscription, boolean deleted) {
        if (!announced(subscription)) return;
        publish(ON_UNSUBSCRIBE, Payload.of(List.of(session, subscription.id)));
        if (deleted) publish(ON_DELETE, Payload.of(List.of(session, subscription.id)));
    }

    /**
     * Subscriptions to the meta topics themselves are not announced (as Crossbar.io does): watching the meta API
     * would otherwise fill it with reports about the watchers.
     */
    private static boolean announced(Subscription subscription) { return !subscription.uri.startsWith("wamp."); }

    private static WampMessage.Error error(int requestType, long request, String uri, String text) {
        return new WampMessage.Error(requestType, request, Map.of(), uri, Payload.of(List.of(text)));
    }
}
