package io.vakt.server.ws;

import io.vakt.server.ws.MessageAssembler.Result;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MessageAssemblerTest {
    @Test
    void aWholeTextFrameIsHandedOverAsItsBytes() {
        Result result = new MessageAssembler(100).accept(WebSocketFrame.textFrame("värme", true));
        assertThat(result).isInstanceOfSatisfying(Result.Text.class, text -> {
            assertThat(text.utf8()).isEqualTo("värme".getBytes(StandardCharsets.UTF_8));
            assertThat(text.text()).isEqualTo("värme");
        });
    }

    @Test
    void aBinaryFrameCarriesItsBytes() {
        Result result = new MessageAssembler(100).accept(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {(byte) 0x93, 1, 2}), true));
        assertThat(result).isInstanceOfSatisfying(Result.Binary.class,
                binary -> assertThat(binary.bytes()).containsExactly((byte) 0x93, 1, 2));
    }

    @Test
    void fragmentsAreJoined() {
        MessageAssembler assembler = new MessageAssembler(100);
        assertThat(assembler.accept(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {1, 2}), false)))
                .isInstanceOf(Result.Incomplete.class);
        assertThat(assembler.accept(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {3}), true)))
                .isInstanceOfSatisfying(Result.Binary.class, binary -> assertThat(binary.bytes()).containsExactly(1, 2, 3));
    }

    @Test
    void invalidUtf8AcrossFragmentsIsReported() {
        MessageAssembler assembler = new MessageAssembler(100);
        assembler.accept(WebSocketFrame.textFrame("ab", false));
        assertThat(assembler.accept(WebSocketFrame.continuationFrame(Buffer.buffer(new byte[] {(byte) 0xC3, 0x28}), true)))
                .isInstanceOf(Result.InvalidUtf8.class);
    }

    @Test
    void messagesOverTheLimitAreRefusedWithTheirSizeAndNotKept() {
        MessageAssembler assembler = new MessageAssembler(4);
        assertThat(assembler.accept(WebSocketFrame.textFrame("12345", true)))
                .isInstanceOfSatisfying(Result.TooLarge.class, tooLarge -> assertThat(tooLarge.size()).isEqualTo(5));

        assertThat(assembler.accept(WebSocketFrame.textFrame("123", false))).isInstanceOf(Result.Incomplete.class);
        assertThat(assembler.accept(WebSocketFrame.continuationFrame(Buffer.buffer("45"), false)))
                .isInstanceOfSatisfying(Result.TooLarge.class, tooLarge -> assertThat(tooLarge.size()).isEqualTo(5));
        // the rest of the refused message is dropped, the next message is read again
        assertThat(assembler.accept(WebSocketFrame.continuationFrame(Buffer.buffer("6"), true))).isInstanceOf(Result.Incomplete.class);
        assertThat(assembler.accept(WebSocketFrame.textFrame("ok", true))).isInstanceOf(Result.Text.class);
    }
}
