package io.vakt.server.doctor;

/** What became of one WebSocket upgrade request. */
sealed interface UpgradeOutcome {
    /** 101 Switching Protocols: the socket is open. */
    record Upgraded(WsSession session, String subprotocol) implements UpgradeOutcome {}

    /** Any other HTTP answer: who answered it and with what. */
    record Refused(HttpLink.Reply reply) implements UpgradeOutcome {}

    /** No answer to the upgrade request within the timeout. */
    record TimedOut() implements UpgradeOutcome {}

    /** The connection broke (refused, reset, TLS) before an answer. */
    record Broken(String message) implements UpgradeOutcome {}
}
