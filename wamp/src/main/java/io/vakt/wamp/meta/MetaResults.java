package io.vakt.wamp.meta;

import io.vakt.wamp.message.Payload;

import java.util.Collections;

/** The answers of meta procedures: one positional result, which may be null (WAMP spec "Meta API"). */
final class MetaResults {
    private MetaResults() {}

    static Payload one(Object value) { return Payload.of(Collections.singletonList(value)); }
}
