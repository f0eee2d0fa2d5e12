package io.vakt.wamp.dealer;

/**
 * One callee of a registration.
 *
 * @param session        the callee's dealer-side state
 * @param discloseCaller whether this callee registered with {@code disclose_caller: true} (WAMP spec "Caller
 *                       Identification"), so its invocations carry the caller's identity
 */
record Callee(PeerState session, boolean discloseCaller) {
}
