package io.vakt.driver.bacnet.client;

import io.vakt.driver.bacnet.codec.Apdu;
import io.vakt.driver.bacnet.codec.ApduCodec;
import io.vakt.driver.bacnet.codec.BacnetError;
import io.vakt.driver.bacnet.codec.Bvlc;
import io.vakt.driver.bacnet.codec.MalformedFrameException;
import io.vakt.driver.bacnet.codec.Npdu;
import io.vakt.driver.bacnet.codec.Reasons;
import io.vakt.driver.bacnet.codec.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A BACnet/IP client on one UDP socket: sends confirmed requests and matches their answers by invoke id and
 * peer address (clause 5.4), resending after {@code timeout} up to {@code retries} times on the caller's
 * scheduler; sends unconfirmed requests; hands received I-Am and COV notifications to its {@link Listener}
 * and acknowledges confirmed notifications with a Simple-ACK.
 *
 * <p>One virtual thread receives; {@link #close()} closes the socket, which ends it, and fails what is pending.
 */
public final class BacnetClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BacnetClient.class);

    /** What the device sends without being asked. Called on the receive thread; must not block. */
    public interface Listener {
        default void iAm(Services.IAm iAm, InetSocketAddress from) {}

        default void covNotification(Services.CovNotification notification, InetSocketAddress from) {}
    }

    private record Key(InetSocketAddress peer, int invokeId) {}

    /** One outstanding confirmed request. */
    private final class Pending {
        final Key key;
        final byte[] frame;
        final CompletableFuture<byte[]> answer = new CompletableFuture<>();
        int attempts;
        ScheduledFuture<?> timer;

        Pending(Key key, byte[] frame) {
            this.key = key;
            this.frame = frame;
        }

        synchronized void send() {
            if (answer.isDone()) return;
            attempts++;
            transmit(key.peer(), frame);
            try {
                timer = scheduler.schedule(this::expired, config.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                finish(null, BacnetFailure.closed());
            }
        }

        private synchronized void expired() {
            if (answer.isDone()) return;
            if (attempts <= config.retries()) {
                send();
                return;
            }
            finish(null, BacnetFailure.timeout("no answer from " + describe(key.peer()) + " within "
                    + config.timeout().toMillis() + " ms, " + attempts + " attempts"));
        }

        void finish(byte[] data, Throwable failure) {
            if (!pending.remove(key, this)) return;
            synchronized (this) {
                if (timer != null) timer.cancel(false);
            }
            if (failure != null) answer.completeExceptionally(failure);
            else answer.complete(data);
        }
    }

    private final ClientConfig config;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final DatagramChannel channel;
    private final Thread receiver;
    private final Map<Key, Pending> pending = new ConcurrentHashMap<>();
    private int nextInvokeId;
    private volatile boolean closed;

    /** Opens the socket and starts receiving. */
    public BacnetClient(ClientConfig config, ScheduledExecutorService scheduler, Listener listener) throws IOException {
        this.config = config;
        this.scheduler = scheduler;
        this.listener = listener;
        this.channel = DatagramChannel.open(StandardProtocolFamily.INET);
        try {
            channel.setOption(StandardSocketOptions.SO_BROADCAST, true);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(config.localPort()));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        this.receiver = Thread.ofVirtual().name("bacnet-receive-" + config.name()).start(this::receiveLoop);
    }

    public int localPort() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Sends a confirmed request; completes with the Complex-ACK's service data (empty for a Simple-ACK), or
     * fails with a {@link BacnetFailure}.
     */
    public CompletableFuture<byte[]> request(InetSocketAddress peer, int service, byte[] serviceData) {
        if (closed) return CompletableFuture.failedFuture(BacnetFailure.closed());
        Pending request;
        synchronized (this) {
            int invokeId = -1;
            for (int i = 0; i < 256; i++) {
                int candidate = (nextInvokeId + i) & 0xFF;
                if (!pending.containsKey(new Key(peer, candidate))) {
                    invokeId = candidate;
                    break;
                }
            }
            if (invokeId < 0) {
                return CompletableFuture.failedFuture(BacnetFailure.abort(9)); // out-of-resources: 256 requests in flight
            }
            nextInvokeId = (invokeId + 1) & 0xFF;
            byte[] apdu = ApduCodec.encode(new Apdu.ConfirmedRequest(invokeId, service, false, 1476, serviceData));
            request = new Pending(new Key(peer, invokeId), Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(true, apdu)));
            pending.put(request.key, request);
        }
        request.send();
        return request.answer;
    }

    /** Sends an unconfirmed request, as a local broadcast when {@code broadcast}. */
    public void unconfirmed(InetSocketAddress target, int service, byte[] serviceData, boolean broadcast) {
        byte[] apdu = ApduCodec.encode(new Apdu.UnconfirmedRequest(service, serviceData));
        transmit(target, Bvlc.wrap(broadcast ? Bvlc.ORIGINAL_BROADCAST : Bvlc.ORIGINAL_UNICAST, Npdu.wrap(false, apdu)));
    }

    /** Requests in flight (for tests and leak checks). */
    public int pendingCount() { return pending.size(); }

    private void transmit(InetSocketAddress peer, byte[] frame) {
        if (closed) return;
        try {
            channel.send(ByteBuffer.wrap(frame), peer);
        } catch (IOException e) {
            // UDP: a send that fails now is a lost datagram; the request's timeout reports it
            log.debug("{}: sending to {} failed: {}", config.name(), describe(peer), e.toString());
        }
    }

    private void receiveLoop() {
        ByteBuffer buffer = ByteBuffer.allocate(Bvlc.MAX_DATAGRAM + 64);
        while (!closed) {
            InetSocketAddress from;
            try {
                buffer.clear();
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (closed) return;
                log.debug("{}: receive failed: {}", config.name(), e.toString());
                continue;
            }
            if (from == null) continue;
            buffer.flip();
            byte[] datagram = new byte[buffer.remaining()];
            buffer.get(datagram);
            try {
                handle(datagram, from);
            } catch (MalformedFrameException e) {
                log.debug("{}: dropped a malformed frame from {}: {}", config.name(), describe(from), e.getMessage());
            } catch (RuntimeException e) {
                log.warn("{}: handling a frame from {} failed", config.name(), describe(from), e);
            }
        }
    }

    /** Annex J: BVLC, then the NPDU, then the APDU; anything but an APDU for this node is dropped. */
    void handle(byte[] datagram, InetSocketAddress from) {
        Bvlc bvlc = Bvlc.decode(datagram, datagram.length);
        if (!bvlc.carriesNpdu()) return;
        InetSocketAddress sender = bvlc.forwardedFrom() != null ? bvlc.forwardedFrom() : from;
        Npdu npdu = Npdu.decode(datagram, bvlc.npduOffset(), datagram.length);
        if (npdu.networkMessage()) return;
        Apdu apdu = ApduCodec.decode(datagram, npdu.apduOffset(), datagram.length);
        switch (apdu) {
            case Apdu.SimpleAck ack -> complete(from, ack.invokeId(), new byte[0], null);
            case Apdu.ComplexAck ack -> {
                if (ack.segmented()) {
                    // clause 5.4.5: a client that cannot take segments aborts the transaction
                    transmit(from, Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(false, ApduCodec.encode(
                            new Apdu.Abort(ack.invokeId(), false, Reasons.ABORT_SEGMENTATION_NOT_SUPPORTED)))));
                    complete(from, ack.invokeId(), null, BacnetFailure.segmented());
                } else {
                    complete(from, ack.invokeId(), ack.data(), null);
                }
            }
            case Apdu.Error error -> complete(from, error.invokeId(), null,
                    BacnetFailure.error(new BacnetError(error.errorClass(), error.errorCode())));
            case Apdu.Reject reject -> complete(from, reject.invokeId(), null, BacnetFailure.reject(reject.reason()));
            case Apdu.Abort abort -> complete(from, abort.invokeId(), null, BacnetFailure.abort(abort.reason()));
            case Apdu.SegmentAck ignored -> { } // Vakt never sends segments
            case Apdu.UnconfirmedRequest request -> unconfirmedRequest(request, sender);
            case Apdu.ConfirmedRequest request -> confirmedRequest(request, from);
        }
    }

    private void complete(InetSocketAddress from, int invokeId, byte[] data, Throwable failure) {
        Pending request = pending.get(new Key(from, invokeId));
        if (request == null) {
            log.debug("{}: answer from {} with invoke id {} matches no request", config.name(), describe(from), invokeId);
            return;
        }
        request.finish(data, failure);
    }

    private void unconfirmedRequest(Apdu.UnconfirmedRequest request, InetSocketAddress sender) {
        switch (request.service()) {
            case Services.I_AM -> listener.iAm(Services.decodeIAm(request.data()), sender);
            case Services.UNCONFIRMED_COV_NOTIFICATION ->
                    listener.covNotification(Services.decodeCovNotification(request.data()), sender);
            default -> { } // Who-Is from other clients, time sync, ...: not for a client
        }
    }

    private void confirmedRequest(Apdu.ConfirmedRequest request, InetSocketAddress from) {
        Apdu answer;
        if (request.service() == Services.CONFIRMED_COV_NOTIFICATION && !request.segmented()) {
            Services.CovNotification notification = Services.decodeCovNotification(request.data());
            answer = new Apdu.SimpleAck(request.invokeId(), request.service());
            transmit(from, Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(false, ApduCodec.encode(answer))));
            listener.covNotification(notification, from);
            return;
        }
        answer = request.segmented()
                ? new Apdu.Abort(request.invokeId(), true, Reasons.ABORT_SEGMENTATION_NOT_SUPPORTED)
                : new Apdu.Reject(request.invokeId(), Reasons.REJECT_UNRECOGNIZED_SERVICE);
        transmit(from, Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(false, ApduCodec.encode(answer))));
    }

    static String describe(InetSocketAddress address) {
        return address.getAddress() == null ? address.toString() : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            log.debug("{}: closing the socket failed: {}", config.name(), e.toString());
        }
        for (Pending request : pending.values()) request.finish(null, BacnetFailure.closed());
        try {
            receiver.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
