package io.vakt.wamp.meta;

import io.vakt.wamp.broker.Broker;
import io.vakt.wamp.dealer.Dealer;
import io.vakt.wamp.message.Payload;
import io.vakt.wamp.router.IdGenerator;
import io.vakt.wamp.router.InternalProcedure;
import io.vakt.wamp.router.Peer;
import io.vakt.wamp.router.WampConfig;
import io.vakt.wamp.router.WampException;
import io.vakt.wamp.router.WampStats;
import io.vakt.wamp.testing.ManualScheduler;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A realm's broker, dealer, sessions and meta API, with the meta procedures callable directly. */
final class MetaHarness {
    final IdGenerator ids = new IdGenerator();
    final WampConfig config = WampConfig.defaults("acme");
    final WampStats stats = new WampStats();
    final ManualScheduler scheduler = new ManualScheduler();
    final Broker broker = new Broker(ids, config, stats);
    final Dealer dealer = new Dealer(scheduler, ids, config, stats, broker);
    final TestDirectory sessions = new TestDirectory();
    final Testaments testaments = new Testaments(broker);
    final MetaApi meta = new MetaApi(dealer, broker, sessions, testaments);
    private final Map<String, InternalProcedure> procedures = meta.procedures();

    /** Calls a meta procedure and returns its single positional result. */
    Object call(Peer caller, String procedure, Object... args) {
        return call(caller, procedure, Payload.of(List.of(args))).args().getFirst();
    }

    Payload call(Peer caller, String procedure, Payload payload) {
        InternalProcedure internal = procedures.get(procedure);
        assertThat(internal).as(procedure).isNotNull();
        Payload result = internal.call(caller, Map.of(), payload);
        assertThat(result.transparent()).isNull();
        return result;
    }

    /** Calls a meta procedure that must fail, and returns the error. */
    WampException fails(Peer caller, String procedure, Payload payload) {
        WampException error = catchThrowableOfType(WampException.class, () -> call(caller, procedure, payload));
        assertThat(error).as(procedure + " " + payload + " must fail").isNotNull();
        return error;
    }

    WampException fails(Peer caller, String procedure, Object... args) {
        return fails(caller, procedure, Payload.of(List.of(args)));
    }
}
