package io.vakt.server.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins WebSocket frames into messages with a hard size limit. Netty already refuses any single frame over
 * the limit (close 1009) before reading it; this refuses a fragmented message as soon as its fragments
 * pass the limit, so no message larger than the limit is ever held in memory.
 */
final class MessageAssembler {
    /** What the assembler makes of a frame. */
    sealed interface Result {
        record Text(String message) implements Result {}

        record Binary() implements Result {}

        record TooLarge() implements Result {}

        /** A text message that is not valid UTF-8: RFC 6455 §8.1 says fail the connection (close 1007). */
        record InvalidUtf8() implements Result {}

        /** A fragment was taken in, or a control frame Vert.x answers itself. */
        record Incomplete() implements Result {}
    }

    private static final Result INCOMPLETE = new Result.Incomplete();

    private final int limit;
    private Buffer partial;
    private boolean partialIsText;
    private boolean discarding;

    MessageAssembler(int limit) { this.limit = limit; }

    Result accept(WebSocketFrame frame) {
        if (frame.isText() || frame.isBinary()) {
            discarding = false;
            if (frame.isFinal()) {
                if (frame.binaryData().length() > limit) return new Result.TooLarge();
                return frame.isText() ? text(frame.binaryData()) : new Result.Binary();
            }
            partial = frame.binaryData().copy();
            partialIsText = frame.isText();
            return check();
        }
        if (frame.isContinuation()) {
            if (discarding || partial == null) return INCOMPLETE;
            partial.appendBuffer(frame.binaryData());
            Result checked = check();
            if (!(checked instanceof Result.Incomplete) || !frame.isFinal()) return checked;
            Buffer whole = partial;
            partial = null;
            return partialIsText ? text(whole) : new Result.Binary();
        }
        return INCOMPLETE;
    }

    /** Decodes strictly: Vert.x's own decoding would silently replace invalid bytes. */
    private static Result text(Buffer bytes) {
        try {
            return new Result.Text(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.getBytes())).toString());
        } catch (CharacterCodingException invalid) {
            return new Result.InvalidUtf8();
        }
    }

    private Result check() {
        if (partial.length() <= limit) return INCOMPLETE;
        partial = null;
        discarding = true;
        return new Result.TooLarge();
    }
}
