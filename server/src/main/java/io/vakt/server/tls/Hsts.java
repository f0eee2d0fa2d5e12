package io.vakt.server.tls;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.util.function.Predicate;

/**
 * {@code Strict-Transport-Security} on answers to HTTPS requests. A browser that got the header keeps to https://
 * for {@code max-age}; sent over plain HTTP it is meaningless (RFC 6797 §7.2 says browsers ignore it), so it is
 * added only when the request came over HTTPS: on Vakt's own TLS listener ({@link HttpServerRequest#isSSL()}), or,
 * behind a TLS-terminating proxy, when the predicate given to {@link #wrap} says so (a trusted X-Forwarded-Proto).
 */
public final class Hsts {
    public static final String HEADER = "Strict-Transport-Security";

    private Hsts() {}

    /** The header value for {@code maxAge}, or null when HSTS is off (0 or unset). */
    public static String value(Duration maxAge) {
        if (maxAge == null || maxAge.isZero() || maxAge.isNegative()) return null;
        return "max-age=" + maxAge.toSeconds();
    }

    /**
     * Wraps a listener's request handler to add the header where it belongs.
     *
     * @param servedOverHttps whether the client's request reached us over HTTPS; {@code HttpServerRequest::isSSL}
     *                        for Vakt's own TLS
     */
    public static Handler<HttpServerRequest> wrap(Handler<HttpServerRequest> handler, Duration maxAge,
                                                  Predicate<HttpServerRequest> servedOverHttps) {
        String value = value(maxAge);
        if (value == null) return handler;
        return request -> {
            if (servedOverHttps.test(request)) request.response().putHeader(HEADER, value);
            handler.handle(request);
        };
    }
}
