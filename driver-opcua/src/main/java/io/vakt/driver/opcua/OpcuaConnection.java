package io.vakt.driver.opcua;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleSink;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.error.Fault;
import io.vakt.core.model.Point;
import org.eclipse.milo.opcua.sdk.client.DiscoveryClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfig;
import org.eclipse.milo.opcua.sdk.client.OpcUaClientConfigBuilder;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.OpcUaDataType;
import org.eclipse.milo.opcua.stack.core.StatusCodes;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.TimestampsToReturn;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransport;
import org.eclipse.milo.opcua.stack.transport.client.tcp.OpcTcpClientTransportConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * One OPC UA client session from connect to loss: discovery, the secure channel and session, the driver's
 * one subscription, reads and writes. A connection is never revived: when its session goes inactive it
 * reports the loss once and the driver replaces it with a new one, so every reconnect releases all
 * per-client resources (the channel, its Netty pipeline, the session's timers) through
 * {@link OpcUaClient#disconnectAsync()}. Milo's shared event loop and executors are static and created once.
 */
final class OpcuaConnection {
    private static final Logger log = LoggerFactory.getLogger(OpcuaConnection.class);

    /** Where the connection is in its one-way life. */
    enum State { OPENING, ACTIVE, LOST, CLOSED }

    private final String controller;
    private final OpcuaSettings settings;
    private final Map<Point, OpcuaPointOptions> options;
    private final SampleSink sink;
    private final Clock clock;
    private final BiConsumer<OpcuaConnection, String> onLost;
    private final Map<Point, OpcUaDataType> dataTypes = new ConcurrentHashMap<>();
    private volatile State state = State.OPENING;
    /** Set when the session went inactive even once: Milo would revive it, but this connection is done. */
    private volatile boolean sessionWentInactive;
    private volatile OpcUaClient client;
    private volatile MonitoredPoints monitored;

    OpcuaConnection(String controller, OpcuaSettings settings, Map<Point, OpcuaPointOptions> options, SampleSink sink,
                    Clock clock, BiConsumer<OpcuaConnection, String> onLost) {
        this.controller = controller;
        this.settings = settings;
        this.options = options;
        this.sink = sink;
        this.clock = clock;
        this.onLost = onLost;
    }

    /**
     * Discovers the endpoints, connects, activates the session and creates the subscription; completes when
     * all that is done. On failure everything opened so far is released.
     *
     * @param certificate the client's certificate; null for securityPolicy none
     * @param advised     the points to monitor once the subscription exists
     */
    CompletionStage<Void> open(ClientCertificate certificate, MonitoredPoints.Advised advised) {
        long timeout = settings.link().timeout().toMillis();
        return DiscoveryClient.getEndpoints(settings.endpoint(), transport -> transport.setConnectTimeout(uint(timeout))
                        .setAcknowledgeTimeout(uint(timeout)))
                .thenCompose(offered -> {
                    try {
                        EndpointDescription endpoint = EndpointChooser.choose(offered, settings);
                        OpcUaClient created = new OpcUaClient(config(endpoint, certificate),
                                new OpcTcpClientTransport(transportConfig()));
                        synchronized (this) {
                            if (state == State.CLOSED) return CompletableFuture.failedFuture(closed());
                            client = created;
                        }
                        created.addSessionActivityListener(new ActivityListener());
                        return created.connectAsync();
                    } catch (UaException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                })
                .thenCompose(connected -> {
                    MonitoredPoints points = new MonitoredPoints(controller, connected, settings, options, sink, clock,
                            advised, this::lost);
                    monitored = points;
                    return points.createSubscription();
                })
                .thenApply(created -> {
                    synchronized (this) {
                        if (state == State.CLOSED) throw new CompletionException(closed());
                        if (sessionWentInactive) {
                            throw new CompletionException(new UaException(StatusCodes.Bad_ConnectionClosed,
                                    "session lost while opening"));
                        }
                        if (state == State.OPENING) state = State.ACTIVE;
                    }
                    return (Void) null;
                })
                .whenComplete((ok, failure) -> {
                    if (failure != null) close();
                });
    }

    private OpcUaClientConfig config(EndpointDescription endpoint, ClientCertificate certificate) {
        long timeout = settings.link().timeout().toMillis();
        // detect a silent peer within `timeout`: a keep-alive read every timeout/2, answered within timeout/2,
        // and no second chance
        long half = Math.max(25, timeout / 2);
        OpcUaClientConfigBuilder builder = new OpcUaClientConfigBuilder()
                .setApplicationName(LocalizedText.english("Vakt"))
                .setApplicationUri(certificate != null ? certificate.applicationUri() : ClientCertificate.applicationUri(controller))
                .setProductUri("urn:vakt")
                .setSessionName(() -> "Vakt " + controller)
                .setEndpoint(endpoint)
                .setRequestTimeout(uint(timeout))
                .setKeepAliveInterval(uint(half))
                .setKeepAliveTimeout(uint(half))
                .setKeepAliveFailuresAllowed(uint(0))
                .setIdentityProvider(settings.hasUser()
                        ? new UsernameProvider(settings.username(), settings.password(), trust())
                        : new AnonymousProvider());
        if (certificate != null) {
            builder.setKeyPair(certificate.keyPair())
                    .setCertificate(certificate.certificate())
                    .setCertificateChain(new X509Certificate[] {certificate.certificate()})
                    .setCertificateValidator(trust());
        }
        return builder.build();
    }

    /** On a secured channel the server must be trusted; on none, the password is encrypted as the server asks. */
    private CertificateValidator trust() {
        return settings.policy().secured() ? ServerTrust.of(controller, settings.trustServer())
                : new CertificateValidator.InsecureCertificateValidator();
    }

    private OpcTcpClientTransportConfig transportConfig() {
        return OpcTcpClientTransportConfig.newBuilder()
                .setConnectTimeout(uint(settings.link().timeout().toMillis()))
                .setAcknowledgeTimeout(uint(settings.link().timeout().toMillis()))
                .build();
    }

    State state() { return state; }

    boolean isActive() { return state == State.ACTIVE; }

    /** Brings the monitored items in line with the advised points (batched, on Milo's executor). */
    void syncMonitoredItems() {
        MonitoredPoints points = monitored;
        if (points != null && isActive()) points.requestSync();
    }

    CompletionStage<Sample> read(Point point) {
        OpcUaClient current = client;
        if (current == null || !isActive()) return CompletableFuture.completedFuture(Sample.unreachable(clock.instant()));
        return current.readValuesAsync(0.0, TimestampsToReturn.Neither, List.of(options.get(point).node()))
                .handle((values, failure) -> {
                    if (failure == null) return ValueCodec.sample(point, values.get(0), clock.instant());
                    if (StatusNames.isLinkProblem(failure)) return Sample.unreachable(clock.instant());
                    return new Sample(null, SampleStatus.ERROR, clock.instant());
                });
    }

    CompletionStage<Void> write(Point point, Object value) {
        OpcUaClient current = client;
        String what = controller + "." + point.address();
        if (current == null || !isActive()) {
            return CompletableFuture.failedFuture(Fault.UNREACHABLE.exception(what + ": controller " + controller
                    + " is not connected"));
        }
        OpcuaPointOptions target = options.get(point);
        return DataTypes.resolve(current, target.node(), point, dataTypes, what)
                .thenCompose(type -> {
                    Variant encoded = ValueCodec.encode(value, type, what);
                    return current.writeValuesAsync(List.of(target.node()), List.of(DataValue.valueOnly(encoded)));
                })
                .handle((results, failure) -> {
                    if (failure != null) throw DataTypes.refusal(failure, what);
                    StatusCode status = results.get(0);
                    if (!status.isGood()) {
                        if ((status.getValue() & 0xFFFF0000L) == StatusCodes.Bad_TypeMismatch) {
                            dataTypes.remove(point);
                        }
                        throw Fault.WRITE_FAILED.exception(what + ": " + StatusNames.describe(status));
                    }
                    return null;
                });
    }

    private void lost(String reason) {
        synchronized (this) {
            if (state != State.ACTIVE) return;
            state = State.LOST;
        }
        onLost.accept(this, reason);
    }

    /** Releases the client (idempotent, non-blocking). */
    void close() {
        OpcUaClient current;
        synchronized (this) {
            if (state == State.CLOSED) return;
            state = State.CLOSED;
            current = client;
            client = null;
        }
        MonitoredPoints points = monitored;
        if (points != null) points.close();
        if (current != null) {
            current.disconnectAsync().whenComplete((ignored, failure) -> {
                if (failure != null) log.debug("controller {}: disconnect: {}", controller, failure.toString());
            });
        }
    }

    private static UaException closed() {
        return new UaException(StatusCodes.Bad_Shutdown, "the driver was closed");
    }

    /** Turns the session's going inactive (connection lost, keep-alive unanswered) into one loss report. */
    private final class ActivityListener implements SessionActivityListener {
        @Override
        public void onSessionInactive(UaSession session) {
            sessionWentInactive = true;
            lost("session lost (connection closed or keep-alive unanswered within " + settings.link().timeout().toMillis() + "ms)");
        }
    }
}
