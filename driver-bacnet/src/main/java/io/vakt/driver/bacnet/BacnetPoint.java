package io.vakt.driver.bacnet;

import io.vakt.core.driver.Sample;
import io.vakt.core.driver.SampleStatus;
import io.vakt.core.driver.support.SampleValues;
import io.vakt.core.driver.support.SettingReader;
import io.vakt.core.error.Fault;
import io.vakt.core.model.Point;
import io.vakt.core.model.PointType;
import io.vakt.core.project.Suggestions;
import io.vakt.driver.bacnet.codec.BacnetValue;
import io.vakt.driver.bacnet.codec.ObjectIdentifier;
import io.vakt.driver.bacnet.codec.ObjectTypes;
import io.vakt.driver.bacnet.codec.PropertyIds;
import io.vakt.driver.bacnet.codec.Services.PropertyReference;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point's BACnet options, checked: the object ({@code object: analog-value:1}, also {@code AV:1} or {@code AV1}),
 * the property (default present-value), the write priority, and whether it is the object's relinquish switch.
 *
 * @param relinquish a digital point reading 1 while the object's priority-array slot at {@code priority} is empty;
 *                   writing 1 relinquishes the command at that priority
 */
record BacnetPoint(Point point, ObjectIdentifier object, int property, int priority, boolean relinquish) {
    static final List<String> OPTIONS = List.of("object", "property", "priority", "relinquish");
    private static final Pattern OBJECT = Pattern.compile("([A-Za-z][A-Za-z_-]*?)[-:\\s]?(\\d+)");

    static BacnetPoint of(Point point, BacnetSettings settings) {
        SettingReader options = SettingReader.options(point, BacnetDriverFactory.NAME, OPTIONS);
        ObjectIdentifier object = object(options, options.required("object"));
        String propertyText = options.text("property", "present-value");
        int property = PropertyIds.parse(propertyText).orElseThrow(() -> options.bad("property",
                "is no property name or number" + Suggestions.didYouMean(propertyText, PropertyIds.names())));
        int priority = options.integer("priority", settings.priority(), 1, 16);
        boolean relinquish = options.yesNo("relinquish", false);
        if (relinquish) {
            if (point.type() != PointType.DIGITAL) throw options.bad("relinquish", "needs a point of type digital (1 = relinquished)");
            if (property != PropertyIds.PRESENT_VALUE) throw options.bad("relinquish", "works on present-value only");
            if (!ObjectTypes.isWritable(object.type())) throw options.bad("relinquish", "needs an output or value object, not an input");
        }
        return new BacnetPoint(point, object, property, priority, relinquish);
    }

    /** {@code analog-value:1}, {@code AV:1}, {@code AV-1}, {@code AV1}. */
    static ObjectIdentifier object(SettingReader options, String text) {
        Matcher matcher = OBJECT.matcher(text.trim());
        String expected = "must be an object such as analog-value:1, AV:1 or AV1 (types: AI, AO, AV, BI, BO, BV, MI, MO, MV)";
        if (!matcher.matches()) throw options.bad("object", expected);
        String typeText = matcher.group(1);
        int type = ObjectTypes.parse(typeText).orElseThrow(() -> options.bad("object",
                expected + Suggestions.didYouMean(typeText.toLowerCase(Locale.ROOT), ObjectTypes.spellings())));
        long instance = Long.parseLong(matcher.group(2));
        if (instance > ObjectIdentifier.MAX_INSTANCE - 1) throw options.bad("object", "instance must be from 0 to 4194302");
        return new ObjectIdentifier(type, (int) instance);
    }

    /** What a read of this point reads: the property, or for a relinquish switch its priority-array slot. */
    PropertyReference reference() {
        return relinquish ? new PropertyReference(object, PropertyIds.PRIORITY_ARRAY, priority) : new PropertyReference(object, property);
    }

    /** Whether COV can deliver this point (notifications carry present-value and status-flags). */
    boolean covCapable() { return property == PropertyIds.PRESENT_VALUE && !relinquish; }

    String key() { return point.address().toLowerCase(Locale.ROOT); }

    /** The sample for a property value as read: analog → real, binary → 0/1, multi-state → integer. */
    Sample sample(List<BacnetValue> values, Instant now) {
        if (values.size() != 1) return new Sample(null, SampleStatus.ERROR, now);
        BacnetValue value = values.get(0);
        if (relinquish) return Sample.good(SampleValues.fromNumber(point, value instanceof BacnetValue.Null ? 1 : 0), now);
        try {
            Object typed = switch (value) {
                // the float's shortest decimal form, so 21.3 written reads back as 21.3 and not 21.299999237
                case BacnetValue.Real r -> SampleValues.fromNumber(point, java.lang.Double.parseDouble(Float.toString(r.value())));
                case BacnetValue.Double d -> SampleValues.fromNumber(point, d.value());
                case BacnetValue.Unsigned u -> SampleValues.fromNumber(point, u.value());
                case BacnetValue.Signed s -> SampleValues.fromNumber(point, s.value());
                case BacnetValue.Enumerated e -> SampleValues.fromNumber(point, e.value());
                case BacnetValue.Bool b -> SampleValues.fromBoolean(point, b.value());
                case BacnetValue.CharacterString c -> SampleValues.fromText(point, c.value());
                // status-flags and other bit strings as a number: bit 0 (in-alarm) = 1, bit 1 (fault) = 2, ...
                case BacnetValue.BitString b -> SampleValues.fromNumber(point, mask(b));
                default -> null;
            };
            return typed == null ? new Sample(null, SampleStatus.ERROR, now) : Sample.good(typed, now);
        } catch (IllegalArgumentException notANumber) {
            return new Sample(null, SampleStatus.ERROR, now);
        }
    }

    private static long mask(BacnetValue.BitString bits) {
        long mask = 0;
        for (int i = 0; i < Math.min(63, bits.bits().size()); i++) {
            if (bits.get(i)) mask |= 1L << i;
        }
        return mask;
    }

    /** clause 12: present-value of analog objects is REAL, of binary ones BACnetBinaryPV, of multi-state ones Unsigned. */
    BacnetValue encode(Object written) {
        if (point.type() == PointType.STRING && property != PropertyIds.PRESENT_VALUE) {
            return new BacnetValue.CharacterString(String.valueOf(written));
        }
        double number = SampleValues.toNumber(written);
        int type = object.type();
        if (ObjectTypes.isBinary(type)) {
            if (number != 0 && number != 1) throw Fault.OUT_OF_RANGE.exception(name() + ": a binary object takes 0 or 1");
            return new BacnetValue.Enumerated((long) number);
        }
        if (ObjectTypes.isMultiState(type)) {
            if (number < 1 || number != Math.rint(number) || number > 0xFFFFFFFFL) {
                throw Fault.OUT_OF_RANGE.exception(name() + ": a multi-state object takes a state number from 1");
            }
            return new BacnetValue.Unsigned((long) number);
        }
        if (Math.abs(number) > Float.MAX_VALUE) throw Fault.OUT_OF_RANGE.exception(name() + ": beyond a BACnet REAL");
        return new BacnetValue.Real((float) number);
    }

    String name() { return point.address() + " (" + object + (property == PropertyIds.PRESENT_VALUE ? "" : " " + PropertyIds.name(property)) + ")"; }
}
