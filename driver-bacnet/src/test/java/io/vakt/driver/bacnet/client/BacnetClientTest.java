package io.vakt.driver.bacnet.client;

import io.vakt.driver.bacnet.codec.Apdu;
import io.vakt.driver.bacnet.codec.ApduCodec;
import io.vakt.driver.bacnet.codec.Bvlc;
import io.vakt.driver.bacnet.codec.Npdu;
import io.vakt.driver.bacnet.codec.Services;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The client against an in-test UDP responder: resends, timeouts, invoke-id matching, notifications, segmentation. */
class BacnetClientTest {
    private ScheduledExecutorService scheduler;
    private DatagramSocket device;
    private InetSocketAddress deviceAddress;
    private final List<Services.CovNotification> notifications = new CopyOnWriteArrayList<>();
    private BacnetClient client;

    @BeforeEach
    void open() throws IOException {
        scheduler = Executors.newSingleThreadScheduledExecutor();
        device = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        device.setSoTimeout(2000);
        deviceAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), device.getLocalPort());
        client = new BacnetClient(new ClientConfig("test", 0, Duration.ofMillis(150), 2), scheduler, new BacnetClient.Listener() {
            @Override
            public void covNotification(Services.CovNotification notification, InetSocketAddress from) {
                notifications.add(notification);
            }
        });
    }

    @AfterEach
    void close() {
        client.close();
        device.close();
        scheduler.shutdownNow();
    }

    private record Received(Apdu apdu, InetSocketAddress from) {}

    private Received receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[1500], 1500);
        device.receive(packet);
        byte[] frame = Arrays.copyOf(packet.getData(), packet.getLength());
        Bvlc bvlc = Bvlc.decode(frame, frame.length);
        Npdu npdu = Npdu.decode(frame, bvlc.npduOffset(), frame.length);
        return new Received(ApduCodec.decode(frame, npdu.apduOffset(), frame.length), (InetSocketAddress) packet.getSocketAddress());
    }

    private void answer(DatagramSocket from, InetSocketAddress to, Apdu apdu) throws IOException {
        byte[] frame = Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(apdu instanceof Apdu.ConfirmedRequest, ApduCodec.encode(apdu)));
        from.send(new DatagramPacket(frame, frame.length, to));
    }

    private CompletableFuture<byte[]> readSomething() {
        return client.request(deviceAddress, Services.READ_PROPERTY, HexFormat.of().parseHex("0c0000000519" + "55"));
    }

    @Test
    void resendsAnUnansweredRequestThenFailsWithTimeout() throws Exception {
        CompletableFuture<byte[]> answer = readSomething();
        Received first = receive();
        Received second = receive();
        Received third = receive();
        assertThat(List.of(first.apdu(), second.apdu(), third.apdu())).allMatch(a -> ((Apdu.ConfirmedRequest) a).invokeId()
                == ((Apdu.ConfirmedRequest) first.apdu()).invokeId());
        assertThatThrownBy(() -> answer.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(BacnetFailure.class).hasMessageContaining("no answer from").hasMessageContaining("3 attempts");
        assertThat(BacnetFailure.of(answer.exceptionNow()).kind()).isEqualTo(BacnetFailure.Kind.TIMEOUT);
        device.setSoTimeout(400);
        assertThatThrownBy(this::receive).as("no fourth attempt").isInstanceOf(SocketTimeoutException.class);
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void matchesAnswersByInvokeIdWhateverTheirOrder() throws Exception {
        CompletableFuture<byte[]> one = readSomething();
        CompletableFuture<byte[]> two = readSomething();
        Received a = receive();
        Received b = receive();
        int idA = ((Apdu.ConfirmedRequest) a.apdu()).invokeId();
        int idB = ((Apdu.ConfirmedRequest) b.apdu()).invokeId();
        assertThat(idA).isNotEqualTo(idB);
        answer(device, b.from(), new Apdu.ComplexAck(idB, Services.READ_PROPERTY, false, new byte[] {2}));
        answer(device, a.from(), new Apdu.ComplexAck(idA, Services.READ_PROPERTY, false, new byte[] {1}));
        assertThat(one.get(2, TimeUnit.SECONDS)).containsExactly(1);
        assertThat(two.get(2, TimeUnit.SECONDS)).containsExactly(2);
    }

    @Test
    void ignoresAnAnswerFromAnotherAddressWithTheSameInvokeId() throws Exception {
        CompletableFuture<byte[]> answer = readSomething();
        Received request = receive();
        int id = ((Apdu.ConfirmedRequest) request.apdu()).invokeId();
        try (DatagramSocket stranger = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            answer(stranger, request.from(), new Apdu.SimpleAck(id, Services.READ_PROPERTY));
        }
        receive(); // the resend: the stranger's answer did not count
        answer(device, request.from(), new Apdu.ComplexAck(id, Services.READ_PROPERTY, false, new byte[] {9}));
        assertThat(answer.get(2, TimeUnit.SECONDS)).containsExactly(9);
    }

    @Test
    void failsWithTheDevicesErrorRejectOrAbortByName() throws Exception {
        CompletableFuture<byte[]> error = readSomething();
        Received request = receive();
        answer(device, request.from(), new Apdu.Error(((Apdu.ConfirmedRequest) request.apdu()).invokeId(), 15, 2, 40));
        assertThatThrownBy(() -> error.get(2, TimeUnit.SECONDS)).hasMessageContaining("BACnet error property/write-access-denied");

        CompletableFuture<byte[]> reject = readSomething();
        request = receive();
        answer(device, request.from(), new Apdu.Reject(((Apdu.ConfirmedRequest) request.apdu()).invokeId(), 9));
        assertThatThrownBy(() -> reject.get(2, TimeUnit.SECONDS)).hasMessageContaining("BACnet reject unrecognized-service");

        CompletableFuture<byte[]> abort = readSomething();
        request = receive();
        answer(device, request.from(), new Apdu.Abort(((Apdu.ConfirmedRequest) request.apdu()).invokeId(), true, 9));
        assertThatThrownBy(() -> abort.get(2, TimeUnit.SECONDS)).hasMessageContaining("BACnet abort out-of-resources");
    }

    @Test
    void abortsASegmentedAnswerBecauseSegmentationIsNotSupported() throws Exception {
        CompletableFuture<byte[]> answer = readSomething();
        Received request = receive();
        int id = ((Apdu.ConfirmedRequest) request.apdu()).invokeId();
        byte[] segmented = HexFormat.of().parseHex("3c" + String.format("%02x", id) + "00040c0c00000005");
        byte[] frame = Bvlc.wrap(Bvlc.ORIGINAL_UNICAST, Npdu.wrap(false, segmented));
        device.send(new DatagramPacket(frame, frame.length, request.from()));
        assertThat(receive().apdu()).isEqualTo(new Apdu.Abort(id, false, 4));
        assertThatThrownBy(() -> answer.get(2, TimeUnit.SECONDS)).hasMessageContaining("segmented");
        assertThat(BacnetFailure.of(answer.exceptionNow()).kind()).isEqualTo(BacnetFailure.Kind.SEGMENTED);
    }

    @Test
    void acknowledgesAConfirmedCovNotificationAndHandsItOn() throws Exception {
        CompletableFuture<byte[]> probe = readSomething();
        Received request = receive();
        answer(device, request.from(), new Apdu.SimpleAck(((Apdu.ConfirmedRequest) request.apdu()).invokeId(), 12));
        probe.get(2, TimeUnit.SECONDS);
        byte[] notification = HexFormat.of().parseHex("09121c020000042c0000000a39004e09552e44428200002f4f");
        answer(device, request.from(), new Apdu.ConfirmedRequest(77, Services.CONFIRMED_COV_NOTIFICATION, false, 1476, notification));
        assertThat(receive().apdu()).isEqualTo(new Apdu.SimpleAck(77, Services.CONFIRMED_COV_NOTIFICATION));
        await().atMost(Duration.ofSeconds(2)).until(() -> notifications.size() == 1);
        assertThat(notifications.get(0).processId()).isEqualTo(18);
    }

    @Test
    void rejectsConfirmedServicesItDoesNotServe() throws Exception {
        CompletableFuture<byte[]> probe = readSomething();
        Received request = receive();
        answer(device, request.from(), new Apdu.SimpleAck(((Apdu.ConfirmedRequest) request.apdu()).invokeId(), 12));
        probe.get(2, TimeUnit.SECONDS);
        answer(device, request.from(), new Apdu.ConfirmedRequest(5, Services.READ_PROPERTY, false, 1476, new byte[0]));
        assertThat(receive().apdu()).isEqualTo(new Apdu.Reject(5, 9));
    }

    @Test
    void closingFailsWhatIsPendingAndWhatComesAfter() throws Exception {
        CompletableFuture<byte[]> answer = readSomething();
        receive();
        client.close();
        assertThat(BacnetFailure.of(answer.handle((v, e) -> e).get(2, TimeUnit.SECONDS)).kind()).isEqualTo(BacnetFailure.Kind.CLOSED);
        assertThat(client.pendingCount()).isZero();
        assertThat(BacnetFailure.of(readSomething().handle((v, e) -> e).get(2, TimeUnit.SECONDS)).kind()).isEqualTo(BacnetFailure.Kind.CLOSED);
    }
}
