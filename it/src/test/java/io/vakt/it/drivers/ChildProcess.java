package io.vakt.it.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program the tests run in the foreground as our child — a reverse proxy, a broker, a device simulator: its
 * output goes to a file in the work folder, it is stopped by its own PID in {@link #stop()}, and a JVM shutdown
 * hook kills it if a test run is aborted (an orphaned nginx or mosquitto would keep its port forever).
 */
public final class ChildProcess {
    private final String name;
    private final Process process;
    private final Path output;
    private final Thread killOnExit;

    private ChildProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.killOnExit = new Thread(this::kill, name + "-kill-on-exit");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static ChildProcess start(String name, List<String> command, Path workDir) {
        Path output = workDir.resolve(name + ".out");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            return new ChildProcess(name, process, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    public long pid() { return process.pid(); }

    /** The processes this one started (nginx's workers), as they are now. */
    public List<ProcessHandle> children() { return process.children().toList(); }

    public boolean isAlive() { return process.isAlive(); }

    /** What the process printed (and, for nginx, what it logged before its error_log was open). */
    public String output() {
        try {
            return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + output + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Waits until the port accepts TCP connections; fails with the process output when the process ends first
     * (a bad config, a port taken) or the port stays closed.
     */
    public void awaitListening(int port, Duration timeout, String logs) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before listening on "
                        + port + ":\n" + output() + logs);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(name + " does not listen on " + port + " after " + timeout
                            + ":\n" + output() + logs);
                }
                pause(Duration.ofMillis(50));
            }
        }
    }

    /** Waits until the port accepts TCP connections; fails with the process output otherwise. */
    public void awaitListening(int port, Duration timeout) { awaitListening(port, timeout, ""); }

    /** Waits until the process has printed {@code text}; fails with its output when it ends first or the time is up. */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before printing \""
                        + text + "\":\n" + output());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name + " did not print \"" + text + "\" within " + timeout + ":\n" + output());
            }
            pause(Duration.ofMillis(25));
        }
    }

    /** SIGTERM (both nginx and haproxy stop at once on it), then SIGKILL for it and any workers left. */
    public void stop() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private void kill() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.forEach(ProcessHandle::destroyForcibly);
    }

    /** A loopback UDP port that is free now; the peer binds it a moment later. */
    public static int freeUdpPort() {
        try (java.net.DatagramSocket socket = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback UDP port", e);
        }
    }

    /** A loopback port that is free now; the proxy binds it a moment later (start() retries on a clash). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
