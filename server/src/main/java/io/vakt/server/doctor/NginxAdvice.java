package io.vakt.server.doctor;

/**
 * The nginx {@code location} block that passes both WebSocket endpoints, as docs/deploy/nginx.md has it (spec §12.1
 * plus the browser's host and scheme, which Vakt's same-origin check needs), with the path of the URL the operator
 * typed and a placeholder for Vakt's address.
 */
final class NginxAdvice {
    static final String UPSTREAM_PLACEHOLDER = "<vakt-host>:<port>";

    private NginxAdvice() {}

    static String locationBlock(DoctorTarget target) {
        return """
                location ~* ^%s/arrigo/api/(graphql/ws|wamp)$ {
                    proxy_pass http://%s;
                    proxy_http_version 1.1;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection "upgrade";
                    proxy_set_header Host $http_host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-Host $http_host;
                    proxy_read_timeout 1h;
                    proxy_send_timeout 1h;
                }""".formatted(quoteRegex(target.prefix()), UPSTREAM_PLACEHOLDER);
    }

    /** The fix text for a proxy that does not pass the upgrade: the nginx block, and where the other guides are. */
    static String upgradeFix(DoctorTarget target, String server) {
        String proxy = server.toLowerCase(java.util.Locale.ROOT);
        String others = "HAProxy, Apache httpd, Caddy and IIS: see docs/deploy/ in Vakt's repository.";
        if (proxy.startsWith("nginx") || proxy.isEmpty()) {
            return "nginx: add this block to the server {} (before location /) and run nginx -s reload:\n"
                    + locationBlock(target) + "\n" + others;
        }
        return "the proxy (" + server + ") must pass the WebSocket upgrade (HTTP/1.1, Upgrade and Connection headers) for "
                + target.apiPath("/graphql/ws") + " and " + target.apiPath("/wamp") + ". " + others
                + "\nFor nginx it is:\n" + locationBlock(target);
    }

    private static String quoteRegex(String path) {
        return path.replaceAll("([.\\\\+*?\\[^\\]$(){}=!<>|:-])", "\\\\$1");
    }
}
