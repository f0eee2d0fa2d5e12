package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.dealer.Dealer;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.SessionDirectory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The meta API of one realm (WAMP spec "Session Meta API", "Registration Meta API", "Subscription Meta API",
 * "Testament"): procedures the router answers itself, registered with the dealer as internal procedures.
 * They only read router state, on the router's thread.
 */
public final class MetaApi {
    private final Dealer dealer;
    private final Broker broker;
    private final SessionDirectory sessions;
    private final Testaments testaments;

    public MetaApi(Dealer dealer, Broker broker, SessionDirectory sessions, Testaments testaments) {
        this.dealer = dealer;
        this.broker = broker;
        this.sessions = sessions;
        this.testaments = testaments;
    }

    /** Registers every meta procedure with the dealer. */
    public void install() {
        procedures().forEach(dealer::addInternal);
    }

    /** Every meta procedure by URI. */
    Map<String, InternalProcedure> procedures() {
        Map<String, InternalProcedure> procedures = new LinkedHashMap<>();
        procedures.putAll(new SessionProcedures(sessions).procedures());
        procedures.putAll(new TestamentProcedures(broker, testaments).procedures());
        procedures.putAll(MatchTableProcedures.registrations(() -> MatchTable.of(dealer)).procedures());
        procedures.putAll(MatchTableProcedures.subscriptions(() -> MatchTable.of(broker)).procedures());
        return procedures;
    }
}
