package io.vakt.it.drivers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * A loopback UDP forwarder between one client (a driver) and a peer: datagrams to {@link #port()} go to the
 * peer from the relay's own socket, and the peer's answers (and unsolicited datagrams such as BACnet COV
 * notifications, sent to the relay because that is who subscribed) go back to the last client. {@link #cut()}
 * drops everything both ways, like a device that lost power; {@link #restore()} forwards again.
 */
public final class UdpRelay implements AutoCloseable {
    private final DatagramSocket front;
    private final DatagramSocket back;
    private final SocketAddress peer;
    private volatile SocketAddress client;
    private volatile boolean cut;

    private UdpRelay(int targetPort) throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        this.front = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.back = new DatagramSocket(new InetSocketAddress(loopback, 0));
        this.peer = new InetSocketAddress(loopback, targetPort);
        Thread.ofVirtual().name("udp-relay-front-" + front.getLocalPort()).start(this::fromClient);
        Thread.ofVirtual().name("udp-relay-back-" + front.getLocalPort()).start(this::fromPeer);
    }

    public static UdpRelay start(int targetPort) {
        try {
            return new UdpRelay(targetPort);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the UDP relay", e);
        }
    }

    /** Where the driver sends. */
    public int port() { return front.getLocalPort(); }

    public void cut() { cut = true; }

    public void restore() { cut = false; }

    private void fromClient() {
        byte[] buffer = new byte[2048];
        while (!front.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                front.receive(packet);
                client = packet.getSocketAddress();
                if (!cut) back.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), peer));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void fromPeer() {
        byte[] buffer = new byte[2048];
        while (!back.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                back.receive(packet);
                SocketAddress target = client;
                if (!cut && target != null) {
                    front.send(new DatagramPacket(packet.getData(), packet.getOffset(), packet.getLength(), target));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        front.close();
        back.close();
    }
}
