package io.vakt.graphql.schema;

import io.vakt.core.live.LiveValue;
import io.vakt.core.live.Timestamps;
import io.vakt.core.live.UpdateType;
import io.vakt.core.path.ElementPath;

import java.time.Instant;

/** A {@code Variable} as the schema exposes it; {@code timestamp} mirrors {@code timeStamp} (spec §14 #3). */
public record VariableResult(Object value, String path, String technicalAddress, String type, String timeStamp) {

    public static VariableResult of(ElementPath path, LiveValue value) {
        return new VariableResult(value.value(), path.toString(), value.address().toString(), value.type().name(),
                Timestamps.format(value.timestamp()));
    }

    /**
     * What a user sees of a variable above their read level: only that it is not there for them. The position
     * stays (writeData keys count positions), the address is not revealed.
     */
    public static VariableResult hidden(ElementPath path, Instant now) {
        return new VariableResult(null, path.toString(), null, UpdateType.ErrorNotExist.name(), Timestamps.format(now));
    }

    public String timestamp() { return timeStamp; }
}
