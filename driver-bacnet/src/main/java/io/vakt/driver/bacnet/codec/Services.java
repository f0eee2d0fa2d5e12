package io.vakt.driver.bacnet.codec;

import java.util.ArrayList;
import java.util.List;

/** Service requests and acknowledgements Vakt sends and reads (clauses 13–16), without the APDU header. */
public final class Services {
    // clause 21, BACnetConfirmedServiceChoice
    public static final int CONFIRMED_COV_NOTIFICATION = 1;
    public static final int SUBSCRIBE_COV = 5;
    public static final int READ_PROPERTY = 12;
    public static final int READ_PROPERTY_MULTIPLE = 14;
    public static final int WRITE_PROPERTY = 15;
    // clause 21, BACnetUnconfirmedServiceChoice
    public static final int I_AM = 0;
    public static final int UNCONFIRMED_COV_NOTIFICATION = 2;
    public static final int WHO_IS = 8;
    /** "no array index": the whole property. */
    public static final int ALL = -1;

    private Services() {}

    /** One property of one object, optionally one element of an array property. */
    public record PropertyReference(ObjectIdentifier object, int property, int arrayIndex) {
        public PropertyReference(ObjectIdentifier object, int property) { this(object, property, ALL); }

        @Override
        public String toString() {
            return object + " " + PropertyIds.name(property) + (arrayIndex == ALL ? "" : "[" + arrayIndex + "]");
        }
    }

    /** A property's value, or the error the device returned for it instead. */
    public record PropertyResult(PropertyReference reference, List<BacnetValue> values, BacnetError error) {
        public PropertyResult { values = values == null ? List.of() : List.copyOf(values); }

        public boolean failed() { return error != null; }
    }

    /** clause 16.1.2 I-Am: who answered a Who-Is. */
    public record IAm(ObjectIdentifier device, long maxApdu, long segmentation, long vendor) {}

    /** clause 13.6 / 13.7: a change of value. */
    public record CovNotification(long processId, ObjectIdentifier device, ObjectIdentifier object, long timeRemaining,
                                  List<PropertyResult> values) {}

    /** clause 16.10 Who-Is, optionally limited to instances {@code low..high}. */
    public static byte[] whoIs(Integer low, Integer high) {
        TagWriter out = new TagWriter();
        if (low != null && high != null) out.contextUnsigned(0, low).contextUnsigned(1, high);
        return out.toByteArray();
    }

    /** clause 15.5 ReadProperty-Request. */
    public static byte[] readProperty(PropertyReference reference) {
        TagWriter out = new TagWriter().contextObjectId(0, reference.object()).contextEnumerated(1, reference.property());
        if (reference.arrayIndex() != ALL) out.contextUnsigned(2, reference.arrayIndex());
        return out.toByteArray();
    }

    /** clause 15.7 ReadPropertyMultiple-Request: one read-access-specification per object, in first-seen order. */
    public static byte[] readPropertyMultiple(List<PropertyReference> references) {
        TagWriter out = new TagWriter();
        java.util.Map<ObjectIdentifier, List<PropertyReference>> byObject = new java.util.LinkedHashMap<>();
        for (PropertyReference reference : references) byObject.computeIfAbsent(reference.object(), o -> new ArrayList<>()).add(reference);
        byObject.forEach((object, properties) -> {
            out.contextObjectId(0, object).opening(1);
            for (PropertyReference reference : properties) {
                out.contextEnumerated(0, reference.property());
                if (reference.arrayIndex() != ALL) out.contextUnsigned(1, reference.arrayIndex());
            }
            out.closing(1);
        });
        return out.toByteArray();
    }

    /** clause 15.9 WriteProperty-Request; {@code priority} 1..16 or 0 for none. */
    public static byte[] writeProperty(PropertyReference reference, BacnetValue value, int priority) {
        TagWriter out = new TagWriter().contextObjectId(0, reference.object()).contextEnumerated(1, reference.property());
        if (reference.arrayIndex() != ALL) out.contextUnsigned(2, reference.arrayIndex());
        out.opening(3).application(value).closing(3);
        if (priority > 0) out.contextUnsigned(4, priority);
        return out.toByteArray();
    }

    /** clause 13.14 SubscribeCOV-Request; a {@code lifetimeSeconds} below 0 cancels the subscription. */
    public static byte[] subscribeCov(long processId, ObjectIdentifier object, boolean confirmed, long lifetimeSeconds) {
        TagWriter out = new TagWriter().contextUnsigned(0, processId).contextObjectId(1, object);
        if (lifetimeSeconds >= 0) out.contextBoolean(2, confirmed).contextUnsigned(3, lifetimeSeconds);
        return out.toByteArray();
    }

    public static IAm decodeIAm(byte[] data) {
        TagReader in = new TagReader(data);
        BacnetValue device = in.applicationValue();
        BacnetValue maxApdu = in.applicationValue();
        BacnetValue segmentation = in.applicationValue();
        BacnetValue vendor = in.applicationValue();
        if (device instanceof BacnetValue.ObjectId id && maxApdu instanceof BacnetValue.Unsigned max
                && segmentation instanceof BacnetValue.Enumerated seg && vendor instanceof BacnetValue.Unsigned ven
                && id.id().type() == ObjectTypes.DEVICE) {
            return new IAm(id.id(), max.value(), seg.value(), ven.value());
        }
        throw new MalformedFrameException("I-Am needs device identifier, unsigned, enumerated, unsigned");
    }

    /** clause 15.5.1.3 ReadProperty-ACK. */
    public static PropertyResult decodeReadPropertyAck(byte[] data) {
        TagReader in = new TagReader(data);
        PropertyReference reference = reference(in, 0, 1, 2);
        in.expectOpening(3);
        List<BacnetValue> values = in.applicationValuesUntilClosing(3);
        in.expectClosing(3);
        return new PropertyResult(reference, values, null);
    }

    /** clause 15.7.1.3 ReadPropertyMultiple-ACK: per property a value ([4]) or an error ([5]). */
    public static List<PropertyResult> decodeReadPropertyMultipleAck(byte[] data) {
        TagReader in = new TagReader(data);
        List<PropertyResult> results = new ArrayList<>();
        while (in.hasMore()) {
            ObjectIdentifier object = in.contextObjectId(0);
            in.expectOpening(1);
            while (!in.nextIsClosing(1)) {
                int property = (int) in.contextUnsigned(2);
                int index = in.nextIsContext(3) ? (int) in.contextUnsigned(3) : ALL;
                PropertyReference reference = new PropertyReference(object, property, index);
                if (in.nextIsOpening(4)) {
                    in.expectOpening(4);
                    List<BacnetValue> values = in.applicationValuesUntilClosing(4);
                    in.expectClosing(4);
                    results.add(new PropertyResult(reference, values, null));
                } else if (in.nextIsOpening(5)) {
                    in.expectOpening(5);
                    BacnetError error = errorPair(in);
                    in.expectClosing(5);
                    results.add(new PropertyResult(reference, List.of(), error));
                } else {
                    throw new MalformedFrameException("read result of " + reference + " holds neither value nor error");
                }
            }
            in.expectClosing(1);
        }
        return results;
    }

    /** clause 13.6/13.7 COV notification (the same parameters confirmed and unconfirmed). */
    public static CovNotification decodeCovNotification(byte[] data) {
        TagReader in = new TagReader(data);
        long processId = in.contextUnsigned(0);
        ObjectIdentifier device = in.contextObjectId(1);
        ObjectIdentifier object = in.contextObjectId(2);
        long remaining = in.contextUnsigned(3);
        in.expectOpening(4);
        List<PropertyResult> values = new ArrayList<>();
        while (!in.nextIsClosing(4)) {
            int property = (int) in.contextUnsigned(0);
            int index = in.nextIsContext(1) ? (int) in.contextUnsigned(1) : ALL;
            in.expectOpening(2);
            List<BacnetValue> value = in.applicationValuesUntilClosing(2);
            in.expectClosing(2);
            if (in.nextIsContext(3)) in.contextUnsigned(3);
            values.add(new PropertyResult(new PropertyReference(object, property, index), value, null));
        }
        in.expectClosing(4);
        return new CovNotification(processId, device, object, remaining, values);
    }

    private static PropertyReference reference(TagReader in, int objectTag, int propertyTag, int indexTag) {
        ObjectIdentifier object = in.contextObjectId(objectTag);
        int property = (int) in.contextUnsigned(propertyTag);
        int index = in.nextIsContext(indexTag) ? (int) in.contextUnsigned(indexTag) : ALL;
        return new PropertyReference(object, property, index);
    }

    private static BacnetError errorPair(TagReader in) {
        if (in.applicationValue() instanceof BacnetValue.Enumerated errorClass
                && in.applicationValue() instanceof BacnetValue.Enumerated errorCode) {
            return new BacnetError((int) errorClass.value(), (int) errorCode.value());
        }
        throw new MalformedFrameException("error class and code must be enumerations");
    }
}
