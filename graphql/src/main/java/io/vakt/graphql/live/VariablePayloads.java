package io.vakt.graphql.live;

import io.vakt.core.live.LiveValue;
import io.vakt.core.live.Timestamps;
import io.vakt.core.path.ElementPath;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

import java.io.ByteArrayOutputStream;

/**
 * Serializes one update of a {@code data} subscription, exactly as graphql-java would have produced it,
 * without running the execution engine: {@code {"data":{"<rootKey>":{<selected fields>}}}}. This is the
 * per-event hot path; it runs once per subscription group, never per connection.
 */
public final class VariablePayloads {
    private static final JsonFactory JSON = new JsonFactory();

    private VariablePayloads() {}

    public static byte[] serialize(Projection projection, ElementPath path, LiveValue value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (JsonGenerator out = JSON.createGenerator(ObjectWriteContext.empty(), bytes)) {
            out.writeStartObject();
            out.writeName("data");
            out.writeStartObject();
            out.writeName(projection.rootKey());
            out.writeStartObject();
            for (Projection.Output output : projection.outputs()) {
                out.writeName(output.key());
                switch (output.field()) {
                    case VALUE -> writeValue(out, value.value());
                    case PATH -> out.writeString(path.toString());
                    case TECHNICAL_ADDRESS -> out.writeString(value.address().toString());
                    case TYPE -> out.writeString(value.type().name());
                    case TIME_STAMP, TIMESTAMP -> out.writeString(Timestamps.format(value.timestamp()));
                    case TYPENAME -> out.writeString("Variable");
                }
            }
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
        }
        return bytes.toByteArray();
    }

    private static void writeValue(JsonGenerator out, Object value) {
        switch (value) {
            case null -> out.writeNull();
            case Double d -> out.writeNumber(d);
            case Long l -> out.writeNumber(l);
            case Integer i -> out.writeNumber(i);
            case Boolean b -> out.writeBoolean(b);
            default -> out.writeString(value.toString());
        }
    }
}
