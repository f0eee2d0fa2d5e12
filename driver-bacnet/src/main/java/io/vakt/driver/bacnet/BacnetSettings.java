package io.vakt.driver.bacnet;

import io.vakt.core.driver.support.LinkSettings;
import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.model.Controller;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * The {@code bacnet} driver's settings of one controller (docs/drivers.md, BACnet/IP).
 *
 * @param device        the device object's instance number
 * @param address       where the device listens, or null to find it by Who-Is
 * @param broadcast     where Who-Is goes when there is no address
 * @param localPort     the driver's UDP port (0 = any)
 * @param retries       resends of an unanswered request
 * @param pollInterval  how often polled points are read
 * @param cov           whether present-values are subscribed (SubscribeCOV) rather than polled
 * @param covLifetime   lifetime asked for in SubscribeCOV; renewed at 80 %
 * @param covConfirmed  whether the device is asked for confirmed notifications
 * @param priority      the default write priority (1..16)
 * @param readMultiple  whether ReadPropertyMultiple is tried before single reads
 * @param maxPerRequest at most this many points in one ReadPropertyMultiple
 * @param link          timeout and reconnect back-off
 */
record BacnetSettings(int device, InetSocketAddress address, InetSocketAddress broadcast, int localPort, int retries,
                      Duration pollInterval, boolean cov, Duration covLifetime, boolean covConfirmed, int priority,
                      boolean readMultiple, int maxPerRequest, LinkSettings link) {
    static final int STANDARD_PORT = 47808;
    static final List<String> KEYS = LinkSettings.withKeys(List.of("device", "address", "broadcast", "localPort",
            "retries", "pollInterval", "cov", "covLifetime", "covConfirmed", "priority", "readMultiple", "maxPerRequest"));

    static BacnetSettings of(Controller controller) {
        SettingReader settings = SettingReader.settings(controller, BacnetDriverFactory.NAME, KEYS);
        int device = settings.integer("device", -1, 0, 4194302);
        if (device < 0) settings.required("device");
        InetSocketAddress address = settings.optional("address").map(text -> hostPort(settings, "address", text)).orElse(null);
        InetSocketAddress broadcast = hostPort(settings, "broadcast", settings.text("broadcast", "255.255.255.255"));
        return new BacnetSettings(device, address, broadcast,
                settings.integer("localPort", 0, 0, 65535),
                settings.integer("retries", 2, 0, 10),
                settings.duration("pollInterval", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                settings.yesNo("cov", true),
                settings.duration("covLifetime", Duration.ofSeconds(300), Duration.ofSeconds(1), Duration.ofDays(1)),
                settings.yesNo("covConfirmed", false),
                settings.integer("priority", 8, 1, 16),
                settings.yesNo("readMultiple", true),
                settings.integer("maxPerRequest", 20, 1, 100),
                LinkSettings.read(settings));
    }

    /** {@code host} or {@code host:port} (IPv4 or a name); the port defaults to 47808 (0xBAC0). */
    static InetSocketAddress hostPort(SettingReader settings, String key, String text) {
        String host = text.trim();
        int port = STANDARD_PORT;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            try {
                port = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw settings.bad(key, "must be host or host:port (e.g. 192.168.1.20:47808)");
            }
            host = host.substring(0, colon);
        }
        if (host.isEmpty() || port < 1 || port > 65535) throw settings.bad(key, "must be host or host:port (e.g. 192.168.1.20:47808)");
        // resolved when the driver starts, so a name that resolves later still works
        return InetSocketAddress.createUnresolved(host, port);
    }

    /** How long a request may go unanswered in all, resends included. */
    Duration requestDeadline() { return link.timeout().multipliedBy(retries + 1L); }

    String peerDescription() {
        return address != null ? address.getHostString() + ":" + address.getPort() + " device " + device
                : "device " + device + " via Who-Is to " + broadcast.getHostString() + ":" + broadcast.getPort();
    }
}
