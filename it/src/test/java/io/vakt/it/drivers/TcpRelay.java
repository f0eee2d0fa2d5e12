package io.vakt.it.drivers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP forwarder between a driver and its peer, so a test can take the peer away and bring it back a
 * hundred times in seconds: {@link #cut()} closes every connection and stops listening (new connections are
 * refused, like a peer that is down), {@link #freeze()} keeps the connections open but forwards nothing (like a
 * peer behind a dead link: only timeouts notice), {@link #restore()} listens again on the same port. Virtual
 * threads move the bytes.
 */
public final class TcpRelay implements AutoCloseable {
    private enum Mode { FORWARDING, FROZEN, CUT, CLOSED }

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARDING;
    private ServerSocket listener;

    private TcpRelay(int targetPort, ServerSocket listener) {
        this.targetPort = targetPort;
        this.listener = listener;
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    public static TcpRelay start(int targetPort) {
        return new TcpRelay(targetPort, bindOutsideEphemeralRange());
    }

    /**
     * A port below Linux's ephemeral range (32768–60999). While the relay is cut nothing listens on its port,
     * and a client reconnecting to an ephemeral port can be given that very port as its own local port (a TCP
     * self-connect), after which the relay could not listen again; a port outside the range is never handed out
     * to outgoing connections.
     */
    private static ServerSocket bindOutsideEphemeralRange() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        UncheckedIOException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                return bind(random.nextInt(20_000, 32_768));
            } catch (UncheckedIOException taken) {
                last = taken;
            }
        }
        throw last;
    }

    /** Where the driver connects. */
    public int port() { return port; }

    /** Connections accepted so far. */
    public int accepted() { return accepted.get(); }

    /** The peer is gone: open connections are closed, new ones refused. */
    public synchronized void cut() {
        if (mode == Mode.CLOSED) return;
        mode = Mode.CUT;
        closeQuietly(listener);
        closeConnections();
    }

    /** The peer goes silent: connections stay open, no byte is forwarded either way, new ones hang. */
    public synchronized void freeze() {
        if (mode == Mode.CLOSED) return;
        if (mode == Mode.CUT) reopen();
        mode = Mode.FROZEN;
    }

    /** The peer is back. A frozen link's connections are closed, as a peer that restarted would. */
    public synchronized void restore() {
        if (mode == Mode.CLOSED) return;
        if (mode == Mode.FROZEN) closeConnections();
        if (mode == Mode.CUT) reopen();
        mode = Mode.FORWARDING;
    }

    /**
     * Listens again on the same port. Closing a server socket while a thread is blocked in its {@code accept}
     * finishes only when that thread next runs, so on a loaded machine the old socket can still hold the port for
     * a moment: try again for up to two seconds.
     */
    private void reopen() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (true) {
            try {
                listener = bind(port);
                break;
            } catch (UncheckedIOException stillHeld) {
                if (System.nanoTime() - deadline > 0) throw stillHeld;
                ChildProcess.pause(java.time.Duration.ofMillis(10));
            }
        }
        startAccepting(listener);
    }

    private void startAccepting(ServerSocket server) {
        Thread.ofVirtual().name("tcp-relay-accept-" + port).start(() -> accept(server));
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            if (mode != Mode.FORWARDING) {
                sockets.add(client);
                continue;
            }
            try {
                Socket peer = new Socket();
                peer.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), 2000);
                sockets.add(client);
                sockets.add(peer);
                pump(client, peer);
                pump(peer, client);
            } catch (IOException peerDown) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("tcp-relay-pump-" + port).start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    while (mode == Mode.FROZEN && !from.isClosed()) Thread.sleep(10);
                    if (mode != Mode.FORWARDING) break;
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // the other side or cut() closed it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        });
    }

    private void closeConnections() {
        for (Socket socket : sockets) closeQuietly(socket);
        sockets.clear();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            if (closeable != null) closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        mode = Mode.CLOSED;
        closeQuietly(listener);
        closeConnections();
    }

}
