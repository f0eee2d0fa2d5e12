package io.vakt.server.http;

import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import tools.jackson.databind.json.JsonMapper;

import java.util.concurrent.CompletionStage;

/** Writes answers: JSON bodies, and answers computed on other threads written back on the request's loop. */
public final class Responses {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Responses() {}

    public static void write(RoutingContext routing, HttpAnswer answer) {
        HttpServerResponse response = routing.response();
        if (response.ended() || response.closed()) return;
        response.setStatusCode(answer.status());
        answer.headers().forEach(response::putHeader);
        response.putHeader("Cache-Control", "no-store");
        if (answer.body() == null) {
            response.end();
        } else {
            response.putHeader("Content-Type", "application/json; charset=utf-8");
            response.end(Buffer.buffer(JSON.writeValueAsBytes(answer.body())));
        }
    }

    /** Writes the answer when it is ready, on the event loop of the request. */
    public static void writeLater(RoutingContext routing, CompletionStage<HttpAnswer> answer) {
        Context context = routing.vertx().getOrCreateContext();
        answer.whenComplete((ready, failure) -> context.runOnContext(ignored -> {
            if (failure != null) {
                routing.fail(failure);
            } else {
                write(routing, ready);
            }
        }));
    }

    public static byte[] json(Object value) { return JSON.writeValueAsBytes(value); }
}
