package io.vakt.driver.bacnet.codec;

/** A received frame that breaks the encoding rules of ASHRAE 135; the frame is dropped (or its request failed). */
public final class MalformedFrameException extends RuntimeException {
    public MalformedFrameException(String message) {
        super(message);
    }
}
