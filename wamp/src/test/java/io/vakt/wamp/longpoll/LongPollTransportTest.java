package io.vakt.wamp.longpoll;

import io.vakt.wamp.router.WampConnection;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The long-poll transport's queue, parked receives, back-pressure signal, limits and idle timeout. */
class LongPollTransportTest {
    private static final long SECOND = 1_000_000_000L;

    private final Frames frames = new Frames();
    private final LongPollTransports registry = new LongPollTransports(100, 20, 60 * SECOND);

    private LongPollTransport open(LongPollProtocol protocol) {
        return registry.open(protocol, "192.0.2.9", transport -> frames, 0);
    }

    private static byte[] bytes(String text) { return text.getBytes(StandardCharsets.UTF_8); }

    private static String text(LongPollTransport.Reply reply) {
        return reply instanceof LongPollTransport.Reply.Messages messages
                ? new String(messages.body(), StandardCharsets.UTF_8) : reply.getClass().getSimpleName();
    }

    @Test
    void idsAreLongRandomAndDistinct() {
        LongPollTransport first = open(LongPollProtocol.JSON);
        LongPollTransport second = open(LongPollProtocol.JSON);
        assertThat(first.id()).matches("[0-9a-f]{32}").isNotEqualTo(second.id());
        assertThat(registry.find(first.id())).containsSame(first);
        assertThat(registry.find("nope")).isEmpty();
    }

    @Test
    void aReceiveGetsOneQueuedMessageAtATime() {
        LongPollTransport transport = open(LongPollProtocol.JSON);
        transport.send(bytes("[2,1,{}]"), false);
        transport.send(bytes("[36,1,2,{}]"), false);
        List<String> replies = new ArrayList<>();
        transport.receive(reply -> replies.add(text(reply)), 1);
        transport.receive(reply -> replies.add(text(reply)), 2);
        assertThat(replies).containsExactly("[2,1,{}]", "[36,1,2,{}]");
    }

    @Test
    void aParkedReceiveGetsTheNextMessageOrExpiresEmpty() {
        LongPollTransport transport = open(LongPollProtocol.JSON);
        List<String> replies = new ArrayList<>();
        Consumer<LongPollTransport.Reply> first = reply -> replies.add("first " + text(reply));
        transport.receive(first, 1);
        assertThat(replies).isEmpty();
        transport.send(bytes("[2,1,{}]"), false);
        assertThat(replies).containsExactly("first [2,1,{}]");

        Consumer<LongPollTransport.Reply> second = reply -> replies.add("second " + text(reply));
        transport.receive(second, 2);
        transport.expire(second, 3);
        transport.expire(second, 4);
        assertThat(replies).containsExactly("first [2,1,{}]", "second Empty");
    }

    @Test
    void aNewerReceiveReleasesTheOlderOne() {
        LongPollTransport transport = open(LongPollProtocol.JSON);
        List<String> replies = new ArrayList<>();
        transport.receive(reply -> replies.add("old " + text(reply)), 1);
        transport.receive(reply -> replies.add("new " + text(reply)), 2);
        transport.send(bytes("[1]"), false);
        assertThat(replies).containsExactly("old Empty", "new [1]");
    }

    @Test
    void batchedTransportsSplitSendsAndJoinReceives() {
        LongPollTransport transport = open(LongPollProtocol.JSON_BATCHED);
        assertThat(transport.accept(bytes("[1,\"realm1\",{}]\u001e[6,{},\"x\"]\u001e")))
                .isEqualTo(new LongPollTransport.SendResult.Accepted(2));
        assertThat(frames.received).containsExactly("[1,\"realm1\",{}]", "[6,{},\"x\"]");
        transport.send(bytes("[2]"), false);
        transport.send(bytes("[3]"), false);
        List<String> replies = new ArrayList<>();
        transport.receive(reply -> replies.add(text(reply)), 1);
        assertThat(replies).containsExactly("[2]\u001e[3]\u001e");
    }

    @Test
    void theQueueIsFullAboveTheHighWaterMarkUntilReceived() {
        LongPollTransport transport = open(LongPollProtocol.JSON);
        List<String> drained = new ArrayList<>();
        transport.send(bytes("x".repeat(25)), false);
        assertThat(transport.writeQueueFull()).isTrue();
        transport.onDrain(() -> drained.add("drained"));
        assertThat(drained).isEmpty();
        transport.receive(reply -> { }, 1);
        assertThat(transport.writeQueueFull()).isFalse();
        assertThat(drained).containsExactly("drained");
    }

    @Test
    void oversizedMessagesEndTheSessionLikeTheWebSocketPath() {
        LongPollTransport transport = open(LongPollProtocol.JSON);
        assertThat(transport.accept(new byte[101])).isEqualTo(new LongPollTransport.SendResult.TooLarge(101, 100));
        assertThat(frames.tooLarge).containsExactly(101L);
        assertThat(frames.received).isEmpty();
    }

    @Test
    void afterTheRouterClosesQueuedMessagesAreStillReceivedThenItIsGone() {
        LongPollTransport transport = open(LongPollProtocol.JSON);
        transport.send(bytes("[6,{},\"wamp.close.system_shutdown\"]"), false);
        transport.close(1001, "going away");
        assertThat(frames.closed).isEqualTo(1);
        List<String> replies = new ArrayList<>();
        transport.receive(reply -> replies.add(text(reply)), 1);
        transport.receive(reply -> replies.add(text(reply)), 2);
        assertThat(replies).containsExactly("[6,{},\"wamp.close.system_shutdown\"]", "Gone");
        assertThat(transport.accept(bytes("[1]"))).isEqualTo(new LongPollTransport.SendResult.Gone());
        registry.close(transport);
        assertThat(frames.closed).as("the router heard of the close once").isEqualTo(1);
    }

    @Test
    void transportsNobodyPollsAreClosed() {
        LongPollTransport idle = open(LongPollProtocol.JSON);
        LongPollTransport polling = open(LongPollProtocol.JSON);
        polling.receive(reply -> { }, 30 * SECOND);
        assertThat(registry.sweep(59 * SECOND)).isZero();
        assertThat(registry.sweep(60 * SECOND)).isEqualTo(1);
        assertThat(registry.find(idle.id())).isEmpty();
        assertThat(registry.find(polling.id())).isPresent();
        assertThat(frames.closed).isEqualTo(1);
        assertThat(registry.sweep(200 * SECOND)).as("a parked receive keeps it alive").isZero();
    }

    @Test
    void negotiatesOnlyJson() {
        assertThat(LongPollProtocol.negotiate(bytes("{\"protocols\":[\"wamp.2.msgpack\",\"wamp.2.json\"]}")))
                .isEqualTo(new LongPollProtocol.Negotiation.Chosen(LongPollProtocol.JSON));
        assertThat(LongPollProtocol.negotiate(bytes("{\"protocols\":[\"wamp.2.json.batched\"]}")))
                .isEqualTo(new LongPollProtocol.Negotiation.Chosen(LongPollProtocol.JSON_BATCHED));
        assertThat(LongPollProtocol.negotiate(bytes("{\"protocols\":[\"wamp.2.cbor\"]}")))
                .isInstanceOfSatisfying(LongPollProtocol.Negotiation.Refused.class,
                        refused -> assertThat(refused.reason()).contains("wamp.2.json", "wamp.2.cbor"));
        assertThat(LongPollProtocol.negotiate(bytes("{]"))).isInstanceOf(LongPollProtocol.Negotiation.Refused.class);
        assertThat(LongPollProtocol.negotiate(bytes("{}"))).isInstanceOf(LongPollProtocol.Negotiation.Refused.class);
    }

    /** What the router's side of the connection was handed. */
    private static final class Frames implements WampConnection {
        final List<String> received = new ArrayList<>();
        final List<Long> tooLarge = new ArrayList<>();
        int closed;

        @Override
        public void onFrame(byte[] bytes) { received.add(new String(bytes, StandardCharsets.UTF_8)); }

        @Override
        public void onTooLarge(long bytes) { tooLarge.add(bytes); }

        @Override
        public void onClosed() { closed++; }
    }
}
