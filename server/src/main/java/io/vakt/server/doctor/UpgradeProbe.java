package io.vakt.server.doctor;

import java.net.http.WebSocketHandshakeException;
import java.net.http.HttpResponse;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens a WebSocket on one API path offering one subprotocol, and sorts the result into an {@link UpgradeOutcome}.
 * With an {@code Origin} it is the upgrade a browser on the site makes, so a same-origin check that breaks behind a
 * proxy shows up as it would for users.
 */
final class UpgradeProbe {
    private UpgradeProbe() {}

    /** An upgrade as a non-browser client makes it (no {@code Origin}), e.g. the ArrigoLocal services. */
    static UpgradeOutcome open(HttpLink link, String apiPath, String subprotocol) throws InterruptedException {
        return open(link, apiPath, subprotocol, null);
    }

    /** @param origin the {@code Origin} a browser on a page of that origin sends, or null for none */
    static UpgradeOutcome open(HttpLink link, String apiPath, String subprotocol, String origin) throws InterruptedException {
        WsSession session = new WsSession();
        try {
            var builder = link.webSocket().subprotocols(subprotocol);
            if (origin != null) builder.header("Origin", origin);
            var socket = builder.buildAsync(link.target().webSocketUri(apiPath), session)
                    // the JDK's connect timeout covers the connection; this also bounds a proxy sitting on the request
                    .get(link.timeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
            session.attach(socket);
            return new UpgradeOutcome.Upgraded(session, socket.getSubprotocol());
        } catch (ExecutionException e) {
            Throwable cause = DoctorText.unwrap(e);
            if (cause instanceof WebSocketHandshakeException refused) return refused(refused.getResponse());
            if (DoctorText.isTimeout(cause)) return new UpgradeOutcome.TimedOut();
            return new UpgradeOutcome.Broken(DoctorText.describe(cause));
        } catch (TimeoutException e) {
            return new UpgradeOutcome.TimedOut();
        }
    }

    private static UpgradeOutcome refused(HttpResponse<?> response) {
        Object body = response.body();
        String text = body instanceof String string ? string : body instanceof byte[] bytes
                ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : "";
        return new UpgradeOutcome.Refused(new HttpLink.Reply(response.statusCode(),
                HttpLink.lowerCase(response.headers().map()), text));
    }
}
