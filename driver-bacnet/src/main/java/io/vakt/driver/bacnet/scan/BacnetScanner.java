package io.vakt.driver.bacnet.scan;

import io.vakt.core.driver.scan.ControllerFiles;
import io.vakt.core.driver.scan.ScanProgress;
import io.vakt.core.driver.scan.ScannedController;
import io.vakt.core.driver.scan.ScannedPoint;
import io.vakt.core.model.PointType;
import io.vakt.driver.bacnet.client.BacnetClient;
import io.vakt.driver.bacnet.client.BacnetFailure;
import io.vakt.driver.bacnet.client.ClientConfig;
import io.vakt.driver.bacnet.codec.BacnetValue;
import io.vakt.driver.bacnet.codec.ObjectIdentifier;
import io.vakt.driver.bacnet.codec.ObjectTypes;
import io.vakt.driver.bacnet.codec.PropertyIds;
import io.vakt.driver.bacnet.codec.Services;
import io.vakt.driver.bacnet.codec.Services.PropertyReference;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Finds BACnet/IP devices with Who-Is and lists their analog, binary and multi-state objects as controller files.
 * Runs on the caller's thread (the {@code vakt scan} command); its timers live on a scheduler it creates and
 * shuts down itself, because a scan runs outside the server assembly.
 */
public final class BacnetScanner {
    private final BacnetScanRequest request;

    public BacnetScanner(BacnetScanRequest request) { this.request = request; }

    /**
     * Who-Is, collect I-Am for {@code waitTime}, then (if readObjects) read each device's object-list, and per supported
     * object its object-name, present-value, units; progress = objects read of objects found.
     */
    public List<ScannedController> scan(ScanProgress progress) throws InterruptedException {
        Map<Integer, InetSocketAddress> devices = new LinkedHashMap<>();
        BlockingQueue<Services.IAm> answers = new LinkedBlockingQueue<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("bacnet-scan").factory());
        BacnetClient.Listener listener = new BacnetClient.Listener() {
            @Override
            public void iAm(Services.IAm iAm, InetSocketAddress from) {
                synchronized (devices) {
                    devices.putIfAbsent(iAm.device().instance(), from);
                }
                answers.add(iAm);
            }
        };
        try (BacnetClient client = new BacnetClient(new ClientConfig("scan", request.localPort(), request.timeout(), 1), scheduler, listener)) {
            InetSocketAddress target = new InetSocketAddress(request.target(), request.port());
            client.unconfirmed(target, Services.WHO_IS, Services.whoIs(request.lowInstance(), request.highInstance()), true);
            progress.progress(0, 0, "Who-Is to " + request.target() + ":" + request.port());
            // I-Am answers come for the whole wait; each one is reported as it arrives
            long deadline = System.nanoTime() + request.waitTime().toNanos();
            for (long left = request.waitTime().toNanos(); left > 0; left = deadline - System.nanoTime()) {
                Services.IAm iAm = answers.poll(left, TimeUnit.NANOSECONDS);
                if (iAm != null) progress.progress(0, 0, "device " + iAm.device().instance() + " answered");
            }
            List<Map.Entry<Integer, InetSocketAddress>> found;
            synchronized (devices) {
                found = new ArrayList<>(devices.entrySet());
            }
            List<ScannedController> controllers = new ArrayList<>();
            for (Map.Entry<Integer, InetSocketAddress> device : found) {
                ScannedController controller = describe(client, device.getKey(), device.getValue(), progress);
                progress.found(controller);
                controllers.add(controller);
            }
            return controllers;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open UDP port " + request.localPort(), e);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private ScannedController describe(BacnetClient client, int instance, InetSocketAddress address, ScanProgress progress)
            throws InterruptedException {
        ObjectIdentifier deviceId = ObjectIdentifier.device(instance);
        String name = text(read(client, address, new PropertyReference(deviceId, PropertyIds.OBJECT_NAME)));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("device", String.valueOf(instance));
        settings.put("address", address.getAddress().getHostAddress() + ":" + address.getPort());
        String suggested = name.isBlank() ? "Device" + instance : ControllerFiles.technicalName(name);
        String title = name.isBlank() ? "BACnet device " + instance + " at " + settings.get("address") : name;
        List<ScannedPoint> points = new ArrayList<>();
        if (request.readObjects()) {
            List<ObjectIdentifier> objects = objectList(client, address, deviceId).stream().filter(id -> ObjectTypes.isSupported(id.type())).toList();
            int done = 0;
            for (ObjectIdentifier object : objects) {
                progress.progress(done, objects.size(), object.toString());
                points.add(point(client, address, object));
                done++;
            }
            progress.progress(done, objects.size(), "");
        }
        return new ScannedController(suggested, title, "bacnet", settings, points);
    }

    /** The whole object-list, or element by element when the device cannot send it in one unsegmented answer. */
    private List<ObjectIdentifier> objectList(BacnetClient client, InetSocketAddress address, ObjectIdentifier device)
            throws InterruptedException {
        List<BacnetValue> whole = read(client, address, new PropertyReference(device, PropertyIds.OBJECT_LIST));
        List<BacnetValue> values = whole;
        if (whole == null) {
            values = new ArrayList<>();
            List<BacnetValue> count = read(client, address, new PropertyReference(device, PropertyIds.OBJECT_LIST, 0));
            long size = count != null && count.size() == 1 && count.get(0) instanceof BacnetValue.Unsigned u ? u.value() : 0;
            for (int index = 1; index <= size; index++) {
                List<BacnetValue> element = read(client, address, new PropertyReference(device, PropertyIds.OBJECT_LIST, index));
                if (element != null) values.addAll(element);
            }
        }
        List<ObjectIdentifier> objects = new ArrayList<>();
        for (BacnetValue value : values) {
            if (value instanceof BacnetValue.ObjectId id) objects.add(id.id());
        }
        return objects;
    }

    private ScannedPoint point(BacnetClient client, InetSocketAddress address, ObjectIdentifier object) throws InterruptedException {
        String name = text(read(client, address, new PropertyReference(object, PropertyIds.OBJECT_NAME)));
        List<BacnetValue> value = read(client, address, new PropertyReference(object, PropertyIds.PRESENT_VALUE));
        String unit = "";
        if (ObjectTypes.isAnalog(object.type())) {
            List<BacnetValue> units = read(client, address, new PropertyReference(object, PropertyIds.UNITS));
            if (units != null && units.size() == 1 && units.get(0) instanceof BacnetValue.Enumerated e) unit = Units.text((int) e.value());
        }
        PointType type = ObjectTypes.isAnalog(object.type()) ? PointType.REAL
                : ObjectTypes.isBinary(object.type()) ? PointType.DIGITAL : PointType.INTEGER;
        String pointAddress = name.isBlank() ? ObjectTypes.abbreviation(object.type()) + object.instance() : ControllerFiles.technicalName(name);
        Map<String, String> options = Map.of("object", ObjectTypes.name(object.type()) + ":" + object.instance());
        return new ScannedPoint(pointAddress, type, unit, ObjectTypes.isWritable(object.type()), options, name, sample(value));
    }

    /** One ReadProperty; null when the device answered with an error or not at all. */
    private List<BacnetValue> read(BacnetClient client, InetSocketAddress address, PropertyReference reference) throws InterruptedException {
        CompletableFuture<byte[]> answer = client.request(address, Services.READ_PROPERTY, Services.readProperty(reference));
        try {
            return Services.decodeReadPropertyAck(answer.get()).values();
        } catch (ExecutionException e) {
            if (BacnetFailure.of(e) == null && !(e.getCause() instanceof RuntimeException)) throw new IllegalStateException(e.getCause());
            return null;
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private static String text(List<BacnetValue> values) {
        return values != null && values.size() == 1 && values.get(0) instanceof BacnetValue.CharacterString s ? s.value() : "";
    }

    private static String sample(List<BacnetValue> values) {
        if (values == null || values.size() != 1) return "";
        return switch (values.get(0)) {
            case BacnetValue.Real r -> Float.toString(r.value());
            case BacnetValue.Enumerated e -> Long.toString(e.value());
            case BacnetValue.Unsigned u -> Long.toString(u.value());
            case BacnetValue.Bool b -> b.value() ? "1" : "0";
            default -> "";
        };
    }
}
