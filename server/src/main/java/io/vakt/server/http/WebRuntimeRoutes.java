package io.vakt.server.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web runtime at {@code /arrigo/}: plain ES modules, styles and icons served from the jar's
 * {@code webroot/app}, with no build step (docs/web-runtime.md). Everything under {@code /arrigo/} except
 * {@code /arrigo/api} is the runtime; its own routes live in the URL fragment ({@code /arrigo/#/<folderId>/…}),
 * so a deep link reloads from the same index page.
 */
final class WebRuntimeRoutes {
    static final String HOME = "/arrigo/";
    /**
     * Scripts only from this server. Styles may be inline because views are drawings from ordinary SVG editors,
     * which put {@code <style>} elements and {@code style=""} attributes everywhere; the server strips scripts
     * and event handlers from them (ViewDrawing).
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self' ws: wss:; "
            + "img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
    /** The API's own paths, which fall through here only to reach the API's 404 answer. */
    private static final java.util.regex.Pattern API_PATHS = java.util.regex.Pattern.compile("(?i)^/arrigo/api(?:/.*)?$");

    private WebRuntimeRoutes() {}

    static void add(Router router) {
        // revalidated on every load (max-age 0 with Last-Modified), so an upgraded server never mixes
        // old and new modules in one page
        StaticHandler files = StaticHandler.create("webroot/app").setIndexPage("index.html")
                .setCachingEnabled(true).setMaxAgeSeconds(0).setDirectoryListing(false).setIncludeHidden(false);
        // a plain "/arrigo/*" route, not a regex one: the static handler resolves files relative to the route's
        // prefix, so /arrigo/js/main.js is webroot/app/js/main.js
        // /Arrigo/… as typed from the original's manuals: the page's module URLs are relative, so redirect rather
        // than serve under the other spelling
        router.getWithRegex("(?i)^/arrigo(?:/.*)?$").handler(routing -> {
            String path = routing.request().path();
            if (path.startsWith("/arrigo")) {
                routing.next();
                return;
            }
            String rest = path.substring("/arrigo".length());
            routing.response().setStatusCode(302).putHeader("Location", rest.isEmpty() ? HOME : "/arrigo" + rest).end();
        });
        router.get("/arrigo/*").handler(routing -> {
            if (API_PATHS.matcher(routing.request().path()).matches()) {
                routing.next();
                return;
            }
            routing.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "same-origin");
            files.handle(routing);
        });
    }
}
