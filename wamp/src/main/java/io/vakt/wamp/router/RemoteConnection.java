package io.vakt.wamp.router;

import io.vakt.wamp.message.ProtocolViolation;
import io.vakt.wamp.message.WampMessage;
import io.vakt.wamp.serializer.Serializer;

/**
 * The transport's side of a {@link RouterSession}: decodes on the transport's thread and hops to the router
 * thread with the message, or with the reason it could not be decoded.
 */
final class RemoteConnection implements WampConnection {
    private final RouterSession session;
    private final Serializer serializer;
    private final WampScheduler scheduler;
    private final int maxMessageBytes;

    RemoteConnection(RouterSession session, Serializer serializer, WampScheduler scheduler, int maxMessageBytes) {
        this.session = session;
        this.serializer = serializer;
        this.scheduler = scheduler;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void onFrame(byte[] bytes) {
        if (session.isClosed()) return;
        // The transport should stop oversized messages itself; this guards a transport that does not.
        if (bytes.length > maxMessageBytes) {
            onTooLarge(bytes.length);
            return;
        }
        WampMessage message;
        try {
            message = serializer.decode(bytes);
        } catch (ProtocolViolation violation) {
            scheduler.execute(() -> session.violation(violation.getMessage()));
            return;
        } catch (RuntimeException e) {
            // A decoder that fails on bad input without a ProtocolViolation still means the input was bad.
            String text = "undecodable " + serializer.subprotocol() + " message: " + e.getMessage();
            scheduler.execute(() -> session.violation(text));
            return;
        }
        scheduler.execute(() -> session.receive(message));
    }

    @Override
    public void onTooLarge(long bytes) { scheduler.execute(() -> session.tooLarge(bytes)); }

    @Override
    public void onClosed() { scheduler.execute(session::transportClosed); }
}
