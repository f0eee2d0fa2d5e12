package io.vakt.graphql.live;

import java.util.Optional;

/** The fields of the {@code Variable} type a {@code data} subscription can select. */
public enum VariableField {
    VALUE("value"), PATH("path"), TECHNICAL_ADDRESS("technicalAddress"), TYPE("type"), TIME_STAMP("timeStamp"),
    TIMESTAMP("timestamp"), TYPENAME("__typename");

    private final String schemaName;

    VariableField(String schemaName) { this.schemaName = schemaName; }

    public static Optional<VariableField> bySchemaName(String name) {
        for (VariableField field : values()) {
            if (field.schemaName.equals(name)) return Optional.of(field);
        }
        return Optional.empty();
    }
}
