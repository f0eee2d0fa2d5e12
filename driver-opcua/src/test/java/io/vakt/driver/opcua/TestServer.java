package io.vakt.driver.opcua;

import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.identity.AnonymousIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.identity.CompositeValidator;
import org.eclipse.milo.opcua.sdk.server.identity.UsernameIdentityValidator;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.security.CertificateGroup;
import org.eclipse.milo.opcua.stack.core.security.CertificateValidator;
import org.eclipse.milo.opcua.stack.core.security.DefaultApplicationGroup;
import org.eclipse.milo.opcua.stack.core.security.DefaultCertificateManager;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateQuarantine;
import org.eclipse.milo.opcua.stack.core.security.MemoryCertificateStore;
import org.eclipse.milo.opcua.stack.core.security.MemoryTrustListManager;
import org.eclipse.milo.opcua.stack.core.security.RsaSha256CertificateFactory;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.DateTime;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.core.types.structured.BuildInfo;
import org.eclipse.milo.opcua.stack.core.util.SelfSignedCertificateBuilder;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.ubyte;

/**
 * An in-process Milo server on 127.0.0.1 for the driver's tests: a None endpoint and a Basic256Sha256
 * SignAndEncrypt endpoint, anonymous and user {@code operator}/{@code secret}, and namespace
 * {@code urn:vakt:test} (index 2) with Demo.Changing (Double, counts up every 100 ms), Demo.Setpoint (Double),
 * Demo.Count (Int32), Demo.Small (Int16), Demo.Level (Float), Demo.Flag (Boolean), Demo.Text (String) — all
 * writable — and Demo.ReadOnly (Double, read only). {@link #stop()} and {@link #start()} restart it on the same port.
 */
final class TestServer implements AutoCloseable {
    static final String USER = "operator";
    static final String PASSWORD = "secret";

    private final int port;
    private final CertificateGroup group;
    private OpcUaServer server;
    private DemoNamespace namespace;

    private TestServer(int port) throws Exception {
        this.port = port;
        this.group = DefaultApplicationGroup.createAndInitialize(new MemoryTrustListManager(), new MemoryCertificateStore(),
                new RsaSha256CertificateFactory() {
                    @Override
                    protected X509Certificate[] createRsaSha256CertificateChain(KeyPair keyPair) throws Exception {
                        return new X509Certificate[] {new SelfSignedCertificateBuilder(keyPair)
                                .setCommonName("Vakt test server").setApplicationUri("urn:vakt:test-server")
                                .addDnsName("localhost").addIpAddress("127.0.0.1").build()};
                    }
                }, new CertificateValidator.InsecureCertificateValidator());
    }

    static TestServer start(int port) throws Exception {
        TestServer server = new TestServer(port);
        server.start();
        return server;
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    int port() { return port; }

    String endpoint() { return "opc.tcp://127.0.0.1:" + port + "/vakt"; }

    X509Certificate certificate() {
        return group.getCertificateChain(group.getSupportedCertificateTypeIds().get(0)).orElseThrow()[0];
    }

    synchronized void start() throws Exception {
        Set<EndpointConfig> endpoints = new LinkedHashSet<>();
        endpoints.add(endpoint(SecurityPolicy.None, MessageSecurityMode.None));
        endpoints.add(endpoint(SecurityPolicy.Basic256Sha256, MessageSecurityMode.SignAndEncrypt));
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setApplicationUri("urn:vakt:test-server")
                .setApplicationName(LocalizedText.english("Vakt test server"))
                .setProductUri("urn:vakt:test-server")
                .setBuildInfo(new BuildInfo("urn:vakt:test-server", "vakt", "test", "1", "", DateTime.now()))
                .setEndpoints(endpoints)
                .setCertificateManager(new DefaultCertificateManager(new MemoryCertificateQuarantine(), List.of(group)))
                .setIdentityValidator(new CompositeValidator(AnonymousIdentityValidator.INSTANCE,
                        new UsernameIdentityValidator(challenge -> USER.equals(challenge.getUsername())
                                && PASSWORD.equals(challenge.getPassword()))))
                .build();
        server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(OpcTcpServerTransportConfig.newBuilder().build()));
        namespace = new DemoNamespace(server);
        namespace.startup();
        server.startup().get(20, TimeUnit.SECONDS);
    }

    private EndpointConfig endpoint(SecurityPolicy policy, MessageSecurityMode mode) {
        EndpointConfig.Builder builder = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress("127.0.0.1").setBindPort(port)
                // the host name the server describes itself under on purpose differs from the address used
                .setHostname("vakt-test-server.invalid").setPath("/vakt")
                .setSecurityPolicy(policy).setSecurityMode(mode)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS, OpcUaServerConfig.USER_TOKEN_POLICY_USERNAME);
        // the None endpoint carries the certificate too: the password token is encrypted with it
        builder.setCertificate(this::certificate);
        return builder.build();
    }

    synchronized void stop() throws Exception {
        if (server == null) return;
        namespace.shutdown();
        server.shutdown().get(20, TimeUnit.SECONDS);
        server = null;
    }

    /** Sets a variable's value as the field would. */
    void set(String name, Object value) {
        namespace.variable(name).setValue(new DataValue(new Variant(value)));
    }

    Object value(String name) {
        return namespace.variable(name).getValue().value().getValue();
    }

    @Override
    public void close() throws Exception { stop(); }

    /** The demo variables, and a timer moving Demo.Changing. */
    private static final class DemoNamespace extends ManagedNamespaceWithLifecycle {
        private final SubscriptionModel subscriptions;
        private final java.util.Map<String, UaVariableNode> variables = new java.util.concurrent.ConcurrentHashMap<>();
        private java.util.concurrent.ScheduledFuture<?> ticker;

        DemoNamespace(OpcUaServer server) {
            super(server, "urn:vakt:test");
            subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(this::createNodes);
            getLifecycleManager().addShutdownTask(() -> { if (ticker != null) ticker.cancel(false); });
        }

        UaVariableNode variable(String name) { return variables.get(name); }

        private void createNodes() {
            add("Demo.Changing", NodeIds.Double, 0.0, true);
            add("Demo.Setpoint", NodeIds.Double, 21.5, true);
            add("Demo.Count", NodeIds.Int32, 7, true);
            add("Demo.Small", NodeIds.Int16, (short) 3, true);
            add("Demo.Level", NodeIds.Float, 1.5f, true);
            add("Demo.Flag", NodeIds.Boolean, false, true);
            add("Demo.Text", NodeIds.String, "hello", true);
            add("Demo.ReadOnly", NodeIds.Double, 42.0, false);
            ticker = getServer().getScheduledExecutorService().scheduleAtFixedRate(() -> {
                UaVariableNode changing = variables.get("Demo.Changing");
                double next = ((Double) changing.getValue().value().getValue()) + 1;
                changing.setValue(new DataValue(new Variant(next)));
            }, 100, 100, TimeUnit.MILLISECONDS);
        }

        private void add(String name, NodeId type, Object initial, boolean writable) {
            UaVariableNode node = new UaVariableNode.UaVariableNodeBuilder(getNodeContext())
                    .setNodeId(newNodeId(name))
                    .setBrowseName(newQualifiedName(name))
                    .setDisplayName(LocalizedText.english(name))
                    .setDataType(type)
                    .setTypeDefinition(NodeIds.BaseDataVariableType)
                    .setAccessLevel(ubyte(writable ? 3 : 1))
                    .setUserAccessLevel(ubyte(writable ? 3 : 1))
                    .setValue(new DataValue(new Variant(initial)))
                    .buildAndAdd();
            variables.put(name, node);
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) { subscriptions.onDataItemsCreated(items); }

        @Override
        public void onDataItemsModified(List<DataItem> items) { subscriptions.onDataItemsModified(items); }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) { subscriptions.onDataItemsDeleted(items); }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) { subscriptions.onMonitoringModeChanged(items); }
    }
}
