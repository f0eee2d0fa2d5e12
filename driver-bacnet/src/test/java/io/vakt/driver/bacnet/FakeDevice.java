package io.vakt.driver.bacnet;

import io.vakt.driver.bacnet.codec.Apdu;
import io.vakt.driver.bacnet.codec.ApduCodec;
import io.vakt.driver.bacnet.codec.BacnetValue;
import io.vakt.driver.bacnet.codec.Bvlc;
import io.vakt.driver.bacnet.codec.Npdu;
import io.vakt.driver.bacnet.codec.ObjectTypes;
import io.vakt.driver.bacnet.codec.Services;
import io.vakt.driver.bacnet.codec.TagReader;
import io.vakt.driver.bacnet.codec.TagWriter;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal in-test device for the driver's own rules: it rejects ReadPropertyMultiple, refuses SubscribeCOV,
 * answers ReadProperty with 42.5 (analog) or 1 (binary), refuses writes to inputs, and can fall silent.
 */
final class FakeDevice implements AutoCloseable {
    final DatagramSocket socket;
    final Map<Integer, AtomicInteger> requests = new ConcurrentHashMap<>();
    volatile boolean silent;

    FakeDevice() throws IOException {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::serve);
    }

    int port() { return socket.getLocalPort(); }

    int count(int service) { return requests.getOrDefault(service, new AtomicInteger()).get(); }

    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                if (silent) continue;
                byte[] frame = Arrays.copyOf(packet.getData(), packet.getLength());
                Npdu npdu = Npdu.decode(frame, Bvlc.decode(frame, frame.length).npduOffset(), frame.length);
                if (ApduCodec.decode(frame, npdu.apduOffset(), frame.length) instanceof Apdu.ConfirmedRequest request) {
                    requests.computeIfAbsent(request.service(), s -> new AtomicInteger()).incrementAndGet();
                    send(packet.getSocketAddress(), answer(request));
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static Apdu answer(Apdu.ConfirmedRequest request) {
        int id = request.invokeId();
        return switch (request.service()) {
            case Services.READ_PROPERTY_MULTIPLE -> new Apdu.Reject(id, 9);
            case Services.SUBSCRIBE_COV -> new Apdu.Error(id, request.service(), 5, 45);
            case Services.WRITE_PROPERTY -> {
                TagReader in = new TagReader(request.data());
                yield in.contextObjectId(0).type() == ObjectTypes.ANALOG_INPUT
                        ? new Apdu.Error(id, request.service(), 2, 40) : new Apdu.SimpleAck(id, request.service());
            }
            case Services.READ_PROPERTY -> {
                TagReader in = new TagReader(request.data());
                var object = in.contextObjectId(0);
                long property = in.contextUnsigned(1);
                BacnetValue value = object.type() == ObjectTypes.DEVICE ? new BacnetValue.CharacterString("Fake")
                        : ObjectTypes.isBinary(object.type()) ? new BacnetValue.Enumerated(1) : new BacnetValue.Real(42.5f);
                byte[] ack = new TagWriter().contextObjectId(0, object).contextEnumerated(1, property)
                        .opening(3).application(value).closing(3).toByteArray();
                yield new Apdu.ComplexAck(id, request.service(), false, ack);
            }
            default -> new Apdu.Reject(id, 9);
        };
    }

    private void send(SocketAddress to, Apdu apdu) throws IOException {
        byte[] frame = Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(false, ApduCodec.encode(apdu)));
        socket.send(new DatagramPacket(frame, frame.length, to));
    }

    @Override
    public void close() { socket.close(); }
}
