package io.vakt.driver.bacnet.client;

import java.time.Duration;

/**
 * How a {@link BacnetClient} talks: its local UDP port, how long it waits for an answer, how often it resends.
 *
 * @param name      for logs and the receive thread's name
 * @param localPort 0 for any free port
 * @param timeout   wait for an answer before resending (APDU timeout, clause 5.4)
 * @param retries   resends after the first attempt (number of APDU retries)
 */
public record ClientConfig(String name, int localPort, Duration timeout, int retries) {
    public ClientConfig {
        if (localPort < 0 || localPort > 65535) throw new IllegalArgumentException("localPort " + localPort);
        if (retries < 0) throw new IllegalArgumentException("retries " + retries);
    }

    /** The longest a request can take before it fails for want of an answer. */
    public Duration worstCase() { return timeout.multipliedBy(retries + 1L); }
}
