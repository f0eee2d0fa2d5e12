package io.vakt.driver.bacnet.codec;

import java.util.Map;

/**
 * An error class and code (clause 18, clause 21 BACnetErrorClass/BACnetErrorCode), named as the standard
 * names them: {@code property/write-access-denied}.
 */
public record BacnetError(int errorClass, int errorCode) {
    private static final String[] CLASSES = {"device", "object", "property", "resources", "security", "services", "vt", "communication"};
    private static final Map<Integer, String> CODES = Map.ofEntries(
            Map.entry(0, "other"), Map.entry(2, "configuration-in-progress"), Map.entry(3, "device-busy"),
            Map.entry(5, "file-access-denied"), Map.entry(7, "inconsistent-parameters"), Map.entry(9, "invalid-data-type"),
            Map.entry(16, "missing-required-parameter"), Map.entry(18, "no-space-for-object"),
            Map.entry(20, "no-space-to-write-property"), Map.entry(25, "operational-problem"),
            Map.entry(26, "password-failure"), Map.entry(27, "read-access-denied"), Map.entry(29, "service-request-denied"),
            Map.entry(30, "timeout"), Map.entry(31, "unknown-object"), Map.entry(32, "unknown-property"),
            Map.entry(36, "unsupported-object-type"), Map.entry(37, "value-out-of-range"), Map.entry(40, "write-access-denied"),
            Map.entry(41, "character-set-not-supported"), Map.entry(42, "invalid-array-index"),
            Map.entry(43, "cov-subscription-failed"), Map.entry(44, "not-cov-property"),
            Map.entry(45, "optional-functionality-not-supported"), Map.entry(46, "invalid-configuration-data"),
            Map.entry(47, "datatype-not-supported"), Map.entry(50, "property-is-not-an-array"));

    public String className() { return errorClass >= 0 && errorClass < CLASSES.length ? CLASSES[errorClass] : String.valueOf(errorClass); }

    public String codeName() { return CODES.getOrDefault(errorCode, String.valueOf(errorCode)); }

    /** Whether the device says the object or property does not exist (rather than refusing or failing). */
    public boolean isUnknownObjectOrProperty() { return errorCode == 31 || errorCode == 32 || errorCode == 42; }

    @Override
    public String toString() { return className() + "/" + codeName(); }
}
