package io.vakt.wamp.dealer;

import io.vakt.wamp.router.WampScheduler;

/** One call routed to a callee and not answered yet. Router thread only. */
final class PendingCall {
    final PeerState caller;
    final long callRequest;
    final PeerState callee;
    final long invocation;
    final String procedure;
    /** The caller asked for progressive results ({@code CALL.Options.receive_progress}). */
    final boolean progressToCaller;
    final long startNanos;
    WampScheduler.Cancellable timer;
    /** A CANCEL in mode kill interrupted the callee: the call now ends with whatever the callee answers. */
    boolean killRequested;
    boolean done;

    PendingCall(PeerState caller, long callRequest, PeerState callee, long invocation, String procedure,
                boolean progressToCaller, long startNanos) {
        this.caller = caller;
        this.callRequest = callRequest;
        this.callee = callee;
        this.invocation = invocation;
        this.procedure = procedure;
        this.progressToCaller = progressToCaller;
        this.startNanos = startNanos;
    }
}
