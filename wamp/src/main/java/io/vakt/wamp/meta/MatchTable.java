package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.dealer.Dealer;

import java.util.List;

/**
 * What the registration and subscription meta APIs read, which the dealer and the broker answer in the same
 * shapes (WAMP spec "Registration Meta API", "Subscription Meta API"). Results go into the answer as they are,
 * so they are plain values; null means "no such id".
 */
interface MatchTable {
    /** {@code {exact: [ids], prefix: [ids], wildcard: [ids]}}. */
    Object list();

    /** The id on ({@code uri}, {@code match}), or null. */
    Object lookup(String uri, String match);

    /** What a call or publication to {@code uri} would reach: an id, a list of ids, or null for nothing. */
    Object match(String uri);

    /** {@code {id, created, uri, match, …}}, or null. */
    Object get(long id);

    /** The callee or subscriber session ids, or null. */
    Object members(long id);

    /** The number of callees or subscribers, or null. */
    Object memberCount(long id);

    /** The broker's subscriptions. {@code wamp.subscription.match} answers null rather than an empty list. */
    static MatchTable of(Broker broker) {
        return new MatchTable() {
            @Override public Object list() { return broker.list(); }

            @Override public Object lookup(String uri, String match) { return broker.lookup(uri, match); }

            @Override public Object match(String uri) {
                List<Long> ids = broker.match(uri);
                return ids.isEmpty() ? null : ids;
            }

            @Override public Object get(long id) { return broker.get(id); }

            @Override public Object members(long id) { return broker.subscribers(id); }

            @Override public Object memberCount(long id) {
                Integer count = broker.subscriberCount(id);
                return count == null ? null : count.longValue();
            }
        };
    }

    /** The dealer's registrations. */
    static MatchTable of(Dealer dealer) {
        return new MatchTable() {
            @Override public Object list() { return dealer.list(); }

            @Override public Object lookup(String uri, String match) { return dealer.lookup(uri, match); }

            @Override public Object match(String uri) { return dealer.match(uri); }

            @Override public Object get(long id) { return dealer.get(id); }

            @Override public Object members(long id) { return dealer.callees(id); }

            @Override public Object memberCount(long id) {
                Integer count = dealer.calleeCount(id);
                return count == null ? null : count.longValue();
            }
        };
    }
}
