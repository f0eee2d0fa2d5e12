package io.vakt.server.http;

import io.vakt.core.error.Fault;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP answer computed away from Vert.x: status, extra headers and a body that is written as JSON (null
 * for none). Services return it; the router writes it on the request's event loop.
 */
public record HttpAnswer(int status, Map<String, String> headers, Object body) {
    public HttpAnswer {
        headers = Map.copyOf(headers);
    }

    public static HttpAnswer ok(Object body) { return new HttpAnswer(200, Map.of(), body); }

    public static HttpAnswer noContent() { return new HttpAnswer(204, Map.of(), null); }

    /** {@code {"error": "<message>", "code": "<FAULT>"}} with the fault's HTTP status. */
    public static HttpAnswer error(Fault fault, String detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", detail == null ? fault.message() : detail);
        body.put("code", fault.name());
        return new HttpAnswer(fault.httpStatus(), Map.of(), body);
    }

    public static HttpAnswer error(Fault fault) { return error(fault, null); }

    /** A copy with one more header. */
    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, more, body);
    }

    /** The same answer with another status (e.g. 400 for a refused verify, whatever the fault). */
    public HttpAnswer withStatus(int newStatus) { return new HttpAnswer(newStatus, headers, body); }
}
