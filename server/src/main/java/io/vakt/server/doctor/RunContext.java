package io.vakt.server.doctor;

import javax.net.ssl.SSLContext;
import java.net.InetAddress;
import java.util.List;

/**
 * What the checks of one run learn and hand on, in the order they run. Each field is written by one check and
 * read by later ones; a null or false tells a later check why it cannot run. One thread only.
 */
final class RunContext implements AutoCloseable {
    final DoctorOptions options;
    /** Name resolution: every address of the host. */
    List<InetAddress> addresses = List.of();
    /** TCP: the first address that accepted a connection, or null. */
    InetAddress reachable;
    /** TLS: the trust later checks use (verifying, or pinned to the certificate after a certificate failure); null = plain http. */
    SSLContext tls;
    /** TLS: false when no TLS session could be made at all, so nothing over HTTPS can run. */
    boolean transportUsable = true;
    /** HTTP: the client of the later checks, once TLS is settled. */
    HttpLink link;
    /** HTTP API: Vakt answered its health endpoint. */
    boolean apiAnswers;
    /** Sign-in: the access token, or null. Never printed. */
    String token;
    /** Sign-in: the user name the token belongs to (for the WAMP HELLO), or null. */
    String user;
    /** Why there is no token, for the texts of skipped checks. */
    String noTokenReason = "no credentials given: add --user NAME --password-stdin (or --password P), or --token ACCESS_TOKEN";
    /** WebSocket upgrades: whether each endpoint upgraded with its first subprotocol. */
    boolean graphqlUpgraded;
    boolean wampUpgraded;
    /** The sessions kept open for the idle check. */
    WsSession graphqlSession;
    WsSession wampSession;
    /** WAMP: the procedure proven to answer, called again after the idle wait. */
    String ssfInfoProcedure;
    int wampRequestId = 1;

    RunContext(DoctorOptions options) {
        this.options = options;
    }

    DoctorTarget target() { return options.target(); }

    @Override
    public void close() {
        if (graphqlSession != null) graphqlSession.close();
        if (wampSession != null) wampSession.close();
        if (link != null) link.close();
    }
}
