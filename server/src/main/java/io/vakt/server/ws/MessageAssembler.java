package io.vakt.server.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

import java.nio.charset.StandardCharsets;

/**
 * Joins WebSocket frames into messages with a hard size limit. Netty already refuses any single frame over
 * the server's frame limit (close 1009) before reading it; this refuses a message of this endpoint over its own
 * limit — a single frame, or fragments as soon as they pass it — so no larger message is ever held in memory.
 * Text messages are checked to be strict UTF-8 and handed over as their bytes: the GraphQL endpoint makes a
 * String of them, WAMP's JSON serializer reads the bytes directly.
 */
final class MessageAssembler {
    /** What the assembler makes of a frame. */
    sealed interface Result {
        /** A whole text message; {@code utf8} is valid UTF-8. */
        record Text(byte[] utf8) implements Result {
            /** The message as a String (exact: the bytes were validated). */
            String text() { return new String(utf8, StandardCharsets.UTF_8); }
        }

        /** A whole binary message. */
        record Binary(byte[] bytes) implements Result {}

        /** @param size the message's size in bytes as far as it was read (at least the limit plus one) */
        record TooLarge(long size) implements Result {}

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
                Buffer data = frame.binaryData();
                if (data.length() > limit) return new Result.TooLarge(data.length());
                return whole(data, frame.isText());
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
            return whole(whole, partialIsText);
        }
        return INCOMPLETE;
    }

    /** Validated strictly: Vert.x's own decoding would silently replace invalid bytes. */
    private static Result whole(Buffer data, boolean text) {
        byte[] bytes = data.getBytes();
        if (!text) return new Result.Binary(bytes);
        return Utf8.isValid(bytes) ? new Result.Text(bytes) : new Result.InvalidUtf8();
    }

    private Result check() {
        if (partial.length() <= limit) return INCOMPLETE;
        long size = partial.length();
        partial = null;
        discarding = true;
        return new Result.TooLarge(size);
    }
}
