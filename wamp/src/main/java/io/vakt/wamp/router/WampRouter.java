package io.vakt.wamp.router;

import io.vakt.wamp.local.LocalSession;
import io.vakt.wamp.serializer.Serializer;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The WAMP v2 router (spec §7): realms with their dealer, broker and meta API, remote sessions over any
 * transport, and in-process sessions for the server's own services.
 *
 * <p><b>Threading.</b> All router state is touched only on the {@link WampScheduler}, a serial executor, so
 * the router takes no locks. Transports decode on their own threads and hop onto the scheduler; sessions
 * encode on it and hand bytes to the transport. The methods here may be called from any thread.
 *
 * <p><b>Slow sessions.</b> Each remote session has a bounded outbox: while its socket is full, events beyond
 * {@code maxQueuedEvents} are dropped and counted, and a session that cannot take a message that must not be
 * lost beyond {@code maxQueuedMessages} is closed with 1008 (see {@code SessionOutbox}).
 */
public final class WampRouter {
    private final RouterCore core;

    public WampRouter(WampConfig config, WampAuthenticator authenticator, WampScheduler scheduler, WampStats stats) {
        this.core = new RouterCore(Objects.requireNonNull(config, "config"), Objects.requireNonNull(authenticator, "authenticator"),
                Objects.requireNonNull(scheduler, "scheduler"), Objects.requireNonNull(stats, "stats"));
    }

    /** A new connection speaking {@code serializer}; the transport feeds it frames. Callable from any thread. */
    public WampConnection open(WampTransport transport, Serializer serializer) {
        RouterSession session = new RouterSession(core, Objects.requireNonNull(transport, "transport"),
                Objects.requireNonNull(serializer, "serializer"));
        core.scheduler.execute(session::start);
        return new RemoteConnection(session, serializer, core.scheduler, core.config.maxMessageBytes());
    }

    /**
     * An in-process session joined to {@code realm} as {@code identity} (usually {@link Identity#system}); its
     * handlers run on {@code handlers}, never on the router thread.
     *
     * @throws IllegalArgumentException when the router has no such realm
     */
    public LocalSession joinLocal(String realm, Identity identity, Executor handlers) {
        Realm target = core.realm(realm);
        if (target == null) {
            throw new IllegalArgumentException("no realm '" + realm + "'; realms: " + String.join(", ", core.config.realms()));
        }
        return new LocalSession(target, Objects.requireNonNull(identity, "identity"), Objects.requireNonNull(handlers, "handlers"));
    }

    /**
     * GOODBYE {@code wamp.close.system_shutdown} to every session; their transports close with 1001 when the
     * reply comes or after {@code goodbyeTimeout}. Sessions not yet welcomed get ABORT with the same reason.
     * New connections are refused from now on. Returns at once; the work runs on the router thread.
     */
    public void shutdown() { core.scheduler.execute(core::shutdown); }

    /** Joined sessions in all realms, in-process ones included. Any thread. */
    public int sessionCount() { return core.joined.get(); }

    public WampStats stats() { return core.stats; }
}
