package io.vakt.it.drivers;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vakt.it.proxy.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code mqtt} driver against Debian's mosquitto 2.0 on loopback, with mosquitto_pub/mosquitto_sub playing
 * the device: retained messages as first values, live plain and JSON publishes, writes to command topics
 * confirmed by the device's echo, the broker killed and restarted, TLS with credentials, a refused password and a
 * refused publish, and a hundred reconnects through a relay without leaks — all seen by a GraphQL subscriber.
 */
class MqttDriverIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @BeforeAll
    static void tools() { MosquittoBroker.assumeInstalled(); }

    private static String ahu(String url, String version, String extraSettings) {
        return """
                driver: mqtt
                settings:
                  url: %s
                  version: "%s"
                  timeout: 1s
                  keepAlive: 2s
                  reconnectMin: 100ms
                  reconnectMax: 1s
                %spoints:
                  - address: Temp
                    type: real
                    topic: dev/ahu/temp
                  - address: SupplyTemp
                    type: real
                    topic: dev/ahu/json
                    field: value.temp
                  - address: Mode
                    type: string
                    topic: dev/ahu/json
                    field: $.mode
                  - address: Setpoint
                    type: real
                    writable: yes
                    topic: dev/sp/state
                    commandTopic: dev/sp/cmd
                  - address: JsonSetpoint
                    type: real
                    writable: yes
                    topic: dev/jsp/state
                    field: value
                    commandTopic: dev/jsp/cmd
                    commandFormat: json
                """.formatted(url, version, extraSettings);
    }

    @ParameterizedTest(name = "MQTT {0}")
    @ValueSource(strings = {"5", "3.1.1"})
    void valuesFlowFromRetainedAndLiveMessagesWritesAreConfirmedAndABrokerRestartIsSurvived(String version,
                                                                                            @TempDir Path work) {
        List<AutoCloseable> running = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker")).start()) {
            broker.publish("dev/ahu/temp", "21.5", true);
            broker.publish("dev/ahu/json", "{\"value\": {\"temp\": 19.25}, \"mode\": \"Auto\"}", true);
            broker.publish("dev/sp/state", "20", true);
            broker.publish("dev/jsp/state", "{\"value\": 18}", true);
            ChildProcess device = broker.echoDevice();
            running.add(device::stop);
            ChildProcess commands = broker.watch("commands", "dev/+/cmd");
            running.add(commands::stop);

            try (DriverSite site = DriverSite.builder(work)
                    .controller("Ahu", ahu("mqtt://127.0.0.1:" + broker.port(), version, "")).start()) {
                // a read of a point nobody watches: subscribe, take the retained message
                assertThat(Subscriber.sameValue(site.read("Ahu.Setpoint"), "20")).isTrue();

                Subscriber subscriber = site.subscribe();
                subscriber.awaitValue("Ahu.Temp", "21.5", WAIT);
                subscriber.awaitValue("Ahu.SupplyTemp", "19.25", WAIT);
                subscriber.awaitValue("Ahu.Mode", "Auto", WAIT);
                subscriber.awaitValue("Ahu.JsonSetpoint", "18", WAIT);

                broker.publish("dev/ahu/temp", "22.25", false);
                subscriber.awaitValue("Ahu.Temp", "22.25", WAIT);
                broker.publish("dev/ahu/json", "{\"value\": {\"temp\": 20.5}, \"mode\": \"Eco\"}", true);
                subscriber.awaitValue("Ahu.SupplyTemp", "20.5", WAIT);
                subscriber.awaitValue("Ahu.Mode", "Eco", WAIT);

                broker.publish("dev/ahu/temp", "warm", false);
                subscriber.awaitType("Ahu.Temp", "UnknownError", WAIT);
                broker.publish("dev/ahu/temp", "22", true);
                subscriber.awaitValue("Ahu.Temp", "22", WAIT);

                DriverSite.WriteOutcome plain = site.write("Ahu.Setpoint", "23.5");
                assertThat(plain.ok()).as(plain.error()).isTrue();
                commands.awaitOutput("dev/sp/cmd 23.5", WAIT);
                subscriber.awaitValue("Ahu.Setpoint", "23.5", WAIT);
                DriverSite.WriteOutcome json = site.write("Ahu.JsonSetpoint", "24");
                assertThat(json.ok()).as(json.error()).isTrue();
                commands.awaitOutput("dev/jsp/cmd {\"value\":24}", WAIT);
                subscriber.awaitValue("Ahu.JsonSetpoint", "24", WAIT);

                long killed = System.nanoTime();
                broker.stop();
                LiveUpdate lost = subscriber.await("Ahu.Temp", update -> update.receivedAtNanos() > killed
                        && update.type().equals("ErrorUnreachable"), WAIT);
                long detectedMillis = (lost.receivedAtNanos() - killed) / 1_000_000;
                System.out.printf("MQTT %s: broker stop seen as ErrorUnreachable after %d ms (timeout %s)%n",
                        version, detectedMillis, TIMEOUT);
                assertThat(Duration.ofMillis(detectedMillis)).isLessThanOrEqualTo(TIMEOUT.plusSeconds(1));
                subscriber.await("Ahu.Mode", update -> update.receivedAtNanos() > killed
                        && update.type().equals("ErrorUnreachable"), WAIT);
                DriverSite.WriteOutcome down = site.write("Ahu.Setpoint", "22");
                assertThat(down.ok()).isFalse();
                assertThat(down.error()).contains("is not connected");

                long restarted = System.nanoTime();
                broker.start();
                // the retained messages (saved by mosquitto on SIGTERM) come again after the resubscribe
                subscriber.await("Ahu.Temp", update -> update.receivedAtNanos() > restarted && update.hasValue()
                        && Subscriber.sameValue(update.value(), "22"), WAIT);
                subscriber.await("Ahu.SupplyTemp", update -> update.receivedAtNanos() > restarted && update.hasValue()
                        && Subscriber.sameValue(update.value(), "20.5"), WAIT);
                broker.publish("dev/ahu/temp", "23", false);
                subscriber.awaitValue("Ahu.Temp", "23", WAIT);
            }
        } finally {
            closeAll(running);
        }
    }

    @Test
    void tlsWithCredentialsWorksAndTheBrokersRefusalsAreReportedWithItsReason(@TempDir Path work) throws Exception {
        Path certs = Files.createDirectories(work.resolve("certs"));
        TestCertificates authority = TestCertificates.authority(certs);
        TestCertificates.CertificateFiles brokerCertificate = authority.issue("broker", "localhost");
        ListAppender<ILoggingEvent> operatorLog = capture("io.vakt.core.driver.support.PeerLink");
        List<AutoCloseable> running = new ArrayList<>();
        try (MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker"))
                .user("vakt", "good").user("device", "dev").device("device")
                .acl("""
                        user vakt
                        topic read dev/#
                        topic write dev/sp/cmd

                        user device
                        topic readwrite #
                        """)
                .tls(authority.caCertificateFile(), brokerCertificate.certificateChain(), brokerCertificate.privateKey())
                .start()) {
            broker.publish("dev/ahu/temp", "21.5", true);
            broker.publish("dev/sp/state", "20", true);
            ChildProcess device = broker.echoDevice();
            running.add(device::stop);

            String secure = """
                    driver: mqtt
                    settings:
                      url: mqtts://localhost:%d
                      caFile: %s
                      username: vakt
                      password: good
                      timeout: 1s
                    points:
                      - address: Temp
                        type: real
                        topic: dev/ahu/temp
                      - address: Setpoint
                        type: real
                        writable: yes
                        topic: dev/sp/state
                        commandTopic: dev/sp/cmd
                      - address: Locked
                        type: digital
                        writable: yes
                        topic: dev/locked/state
                        commandTopic: dev/locked/cmd
                    """.formatted(broker.tlsPort(), authority.caCertificateFile());
            String intruder = """
                    driver: mqtt
                    settings:
                      url: mqtt://127.0.0.1:%d
                      username: vakt
                      password: wrong
                      timeout: 1s
                    points:
                      - address: Temp
                        type: real
                        topic: dev/ahu/temp
                    """.formatted(broker.port());
            String untrusting = """
                    driver: mqtt
                    settings:
                      url: mqtts://localhost:%d
                      username: vakt
                      password: good
                      timeout: 1s
                    points:
                      - address: Temp
                        type: real
                        topic: dev/ahu/temp
                    """.formatted(broker.tlsPort());
            try (DriverSite site = DriverSite.builder(work).controller("Secure", secure).controller("Intruder", intruder)
                    .controller("Untrusting", untrusting).start()) {
                Subscriber subscriber = site.subscribe();
                subscriber.awaitValue("Secure.Temp", "21.5", WAIT);
                subscriber.awaitValue("Secure.Setpoint", "20", WAIT);

                DriverSite.WriteOutcome allowed = site.write("Secure.Setpoint", "23.5");
                assertThat(allowed.ok()).as(allowed.error()).isTrue();
                subscriber.awaitValue("Secure.Setpoint", "23.5", WAIT);

                DriverSite.WriteOutcome refused = site.write("Secure.Locked", "1");
                assertThat(refused.ok()).isFalse();
                assertThat(refused.error()).contains("Secure.Locked: PUBACK NOT_AUTHORIZED");

                subscriber.awaitType("Intruder.Temp", "ErrorUnreachable", WAIT);
                subscriber.awaitType("Untrusting.Temp", "ErrorUnreachable", WAIT);
                await().atMost(WAIT).untilAsserted(() -> assertThat(messages(operatorLog))
                        .contains("Controller Intruder (mqtt mqtt://127.0.0.1:" + broker.port()
                                + "): cannot connect (broker refused the connection: CONNACK NOT_AUTHORIZED)")
                        .containsPattern("Controller Untrusting \\(mqtt mqtts://localhost:\\d+\\): cannot connect \\(.*(PKIX|certif)"));
                System.out.println("operator log:\n" + messages(operatorLog));
            }
        } finally {
            closeAll(running);
            ((Logger) LoggerFactory.getLogger("io.vakt.core.driver.support.PeerLink")).detachAppender(operatorLog);
        }
    }

    @Test
    void aHundredReconnectsThroughARelayLeakNothing(@TempDir Path work) {
        try (MosquittoBroker broker = MosquittoBroker.builder(work.resolve("broker")).start();
             TcpRelay relay = TcpRelay.start(broker.port())) {
            broker.publish("dev/ahu/temp", "21.5", true);
            String controller = """
                    driver: mqtt
                    settings:
                      url: mqtt://127.0.0.1:%d
                      timeout: 1s
                      keepAlive: 1s
                      reconnectMin: 10ms
                      reconnectMax: 50ms
                    points:
                      - address: Temp
                        type: real
                        topic: dev/ahu/temp
                    """.formatted(relay.port());
            try (DriverSite site = DriverSite.builder(work).controller("Relayed", controller).start()) {
                Subscriber subscriber = site.subscribe();
                subscriber.awaitValue("Relayed.Temp", "21.5", WAIT);

                // a broker that goes silent (no FIN, no RST) is noticed by the keep-alive
                long frozen = System.nanoTime();
                relay.freeze();
                LiveUpdate silent = subscriber.await("Relayed.Temp", update -> update.receivedAtNanos() > frozen
                        && update.type().equals("ErrorUnreachable"), WAIT);
                System.out.printf("silent broker seen as ErrorUnreachable after %d ms (keepAlive 1s)%n",
                        (silent.receivedAtNanos() - frozen) / 1_000_000);
                relay.restore();
                subscriber.awaitLatest("Relayed.Temp", LiveUpdate::hasValue, WAIT);

                ReconnectCycles.run("mqtt", subscriber, "Relayed.Temp", relay::cut, relay::restore, 100);
            }
        }
    }

    private static ListAppender<ILoggingEvent> capture(String loggerName) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(loggerName)).addAppender(appender);
        return appender;
    }

    private static String messages(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
        }
    }

    private static void closeAll(List<AutoCloseable> running) {
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception e) {
                // best effort: the next one must still stop
            }
        }
    }
}
