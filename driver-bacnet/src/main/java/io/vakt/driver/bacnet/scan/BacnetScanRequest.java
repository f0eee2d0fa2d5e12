package io.vakt.driver.bacnet.scan;

import java.time.Duration;

/**
 * What {@code vakt scan bacnet} asks for.
 *
 * @param target       broadcast or unicast address the Who-Is goes to ({@code 255.255.255.255}, {@code 127.0.0.1})
 * @param port         the devices' UDP port, normally 47808
 * @param localPort    the scanner's own port, 0 = any (devices that answer to 47808 only need 47808)
 * @param lowInstance  lowest device instance asked for, null = all
 * @param highInstance highest device instance asked for, null = all
 * @param waitTime     how long I-Am answers are collected (the brief named it {@code wait}, which a record cannot: it clashes with {@link Object#wait()})
 * @param readObjects  whether each device's objects are read
 * @param timeout      how long one read may go unanswered (one resend follows)
 */
public record BacnetScanRequest(String target, int port, int localPort, Integer lowInstance, Integer highInstance,
                                Duration waitTime, boolean readObjects, Duration timeout) {
    public BacnetScanRequest {
        if ((lowInstance == null) != (highInstance == null)) throw new IllegalArgumentException("give both instance limits or neither");
        if (lowInstance != null && lowInstance > highInstance) throw new IllegalArgumentException("lowInstance above highInstance");
    }
}
