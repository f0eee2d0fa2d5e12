package io.vakt.it.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mosquitto as the broker of an MQTT driver test, plus mosquitto_pub/mosquitto_sub as the independent
 * "device": a loopback listener on a free port (optionally a second, TLS one), optional users and ACL, and
 * persistence so retained messages survive a {@link #stop()} / {@link #start()} on the same port.
 */
final class MosquittoBroker implements AutoCloseable {
    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    static final Path PUB = Path.of("/usr/bin/mosquitto_pub");
    static final Path SUB = Path.of("/usr/bin/mosquitto_sub");
    static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");
    private static final Duration START = Duration.ofSeconds(10);

    private final Path dir;
    private final int port;
    private final int tlsPort;
    private final Map<String, String> users;
    private final String deviceUser;
    private ChildProcess process;
    private int starts;

    private MosquittoBroker(Path dir, int port, int tlsPort, Map<String, String> users, String deviceUser) {
        this.dir = dir;
        this.port = port;
        this.tlsPort = tlsPort;
        this.users = users;
        this.deviceUser = deviceUser;
    }

    /** Skips (or fails under vakt.it.required) without mosquitto and its clients. */
    static void assumeInstalled() {
        Prerequisites.assumeExecutable(MOSQUITTO, "mosquitto");
        Prerequisites.assumeExecutable(PUB, "mosquitto-clients");
        Prerequisites.assumeExecutable(SUB, "mosquitto-clients");
    }

    static Builder builder(Path dir) { return new Builder(dir); }

    /** The plain listener (devices, and drivers without TLS). */
    int port() { return port; }

    /** The TLS listener; 0 without one. */
    int tlsPort() { return tlsPort; }

    /** Starts (or starts again, on the same ports and with the retained messages of before) and waits for the listener. */
    MosquittoBroker start() {
        if (process != null && process.isAlive()) throw new IllegalStateException("mosquitto runs already");
        process = ChildProcess.start("mosquitto-" + ++starts, List.of(MOSQUITTO.toString(), "-c",
                dir.resolve("mosquitto.conf").toString()), dir);
        process.awaitListening(port, START);
        if (tlsPort != 0) process.awaitListening(tlsPort, START);
        return this;
    }

    /** SIGTERM: mosquitto closes every connection and saves its retained messages. */
    void stop() {
        if (process != null) process.stop();
    }

    /** Publishes as the device with mosquitto_pub (QoS 1, MQTT 3.1.1) and waits until it is done. */
    void publish(String topic, String payload, boolean retain) {
        List<String> command = new ArrayList<>(List.of(PUB.toString(), "-h", "127.0.0.1", "-p", String.valueOf(port),
                "-q", "1", "-t", topic, "-m", payload));
        if (retain) command.add("-r");
        run(withDevice(command));
    }

    /** mosquitto_sub -v on {@code filter} as the device: its output lists "topic payload" per message. */
    ChildProcess watch(String name, String filter) {
        ChildProcess watcher = ChildProcess.start(name, withDevice(new ArrayList<>(List.of(SUB.toString(), "-h",
                "127.0.0.1", "-p", String.valueOf(port), "-q", "1", "-v", "-t", filter))), dir);
        awaitSubscribed(watcher, filter);
        return watcher;
    }

    /**
     * A device that applies every command: a message on {@code <x>/cmd} is published, retained, on {@code <x>/state}
     * with the same payload — what a real actuator reporting its new state does.
     */
    ChildProcess echoDevice() {
        String auth = deviceUser == null ? "" : " -u " + deviceUser + " -P " + users.get(deviceUser);
        String script = SUB + " -h 127.0.0.1 -p " + port + auth + " -q 1 -v -t 'dev/+/cmd' | while read -r topic payload; do "
                + PUB + " -h 127.0.0.1 -p " + port + auth + " -q 1 -r -t \"${topic%/cmd}/state\" -m \"$payload\"; "
                + "echo \"echoed $topic $payload\"; done";
        ChildProcess device = ChildProcess.start("echo-device", List.of("/bin/sh", "-c", script), dir);
        awaitSubscribed(device, "dev/+/cmd");
        return device;
    }

    /** Subscriptions are asynchronous: publish a marker until the subscriber shows it. */
    private void awaitSubscribed(ChildProcess subscriber, String filter) {
        String probe = filter.replace("+", "probe").replace("#", "probe");
        long deadline = System.nanoTime() + START.toNanos();
        while (!subscriber.output().contains(probe)) {
            if (System.nanoTime() - deadline > 0) throw new IllegalStateException("subscriber never saw " + probe
                    + ":\n" + subscriber.output());
            publish(probe, "probe", false);
            ChildProcess.pause(Duration.ofMillis(100));
        }
    }

    private List<String> withDevice(List<String> command) {
        if (deviceUser != null) command.addAll(List.of("-u", deviceUser, "-P", users.get(deviceUser)));
        return command;
    }

    private void run(List<String> command) {
        try {
            Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!run.waitFor(10, TimeUnit.SECONDS)) {
                run.destroyForcibly();
                throw new IllegalStateException(command + " did not finish");
            }
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (run.exitValue() != 0) throw new IllegalStateException(command + " failed: " + output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What mosquitto printed (connections, refusals). */
    String log() { return process == null ? "" : process.output(); }

    @Override
    public void close() { stop(); }

    /** The broker's configuration. */
    static final class Builder {
        private final Path dir;
        private final Map<String, String> users = new LinkedHashMap<>();
        private String acl;
        private String deviceUser;
        private Path caFile;
        private Path certificate;
        private Path key;

        private Builder(Path dir) { this.dir = dir; }

        /** A user in the password file; without any, anonymous clients are allowed. */
        Builder user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /** The user mosquitto_pub/mosquitto_sub connect as. */
        Builder device(String name) {
            this.deviceUser = name;
            return this;
        }

        /** mosquitto's acl_file text. */
        Builder acl(String text) {
            this.acl = text;
            return this;
        }

        /** A second listener with TLS, serving {@code certificate} (signed by {@code caFile}). */
        Builder tls(Path caFile, Path certificate, Path key) {
            this.caFile = caFile;
            this.certificate = certificate;
            this.key = key;
            return this;
        }

        MosquittoBroker start() {
            int port = ChildProcess.freePort();
            int tlsPort = certificate == null ? 0 : ChildProcess.freePort();
            StringBuilder conf = new StringBuilder()
                    .append("per_listener_settings false\n")
                    // run as whoever runs the test: as root, mosquitto would switch to its own user, which cannot
                    // read the test's private temporary folder
                    .append("user ").append(System.getProperty("user.name")).append('\n')
                    .append("persistence true\n")
                    .append("persistence_location ").append(dir.toAbsolutePath()).append("/\n")
                    .append("log_dest stdout\n")
                    .append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n")
                    .append("listener ").append(port).append(" 127.0.0.1\n");
            try {
                Files.createDirectories(dir);
                if (users.isEmpty()) {
                    conf.append("allow_anonymous true\n");
                } else {
                    Path passwords = dir.resolve("passwords");
                    Files.deleteIfExists(passwords);
                    Files.createFile(passwords);
                    for (Map.Entry<String, String> user : users.entrySet()) {
                        new ProcessBuilder(PASSWD.toString(), "-b", passwords.toString(), user.getKey(), user.getValue())
                                .inheritIO().start().waitFor(10, TimeUnit.SECONDS);
                    }
                    conf.append("allow_anonymous false\npassword_file ").append(passwords).append('\n');
                }
                if (acl != null) {
                    Path aclFile = Files.writeString(dir.resolve("acl"), acl);
                    conf.append("acl_file ").append(aclFile).append('\n');
                }
                if (certificate != null) {
                    conf.append("listener ").append(tlsPort).append(" 127.0.0.1\n")
                            .append("cafile ").append(caFile).append('\n')
                            .append("certfile ").append(certificate).append('\n')
                            .append("keyfile ").append(key).append('\n');
                }
                Files.writeString(dir.resolve("mosquitto.conf"), conf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new MosquittoBroker(dir, port, tlsPort, Map.copyOf(users), deviceUser).start();
        }
    }
}
