package io.vakt.server.doctor;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Steps 4 and 5: the HTTP API (health, the server's own view of this request) and signing in. */
final class ApiChecks {
    static final String HEALTH = "HTTP API";
    static final String DIAGNOSTICS = "Server's view of this client";
    static final String SIGN_IN = "Sign-in";

    private ApiChecks() {}

    static StepResult health(RunContext run) throws InterruptedException {
        DoctorTarget target = run.target();
        HttpLink.Reply reply;
        try {
            reply = run.link.get("/health");
        } catch (IOException e) {
            return StepResult.fail(HEALTH, "GET " + target.apiPath("/health") + ": " + DoctorText.describe(e),
                    DoctorText.isTimeout(e) ? "the server accepted the connection but sent no HTTP answer in time"
                            : "the connection failed before an HTTP answer",
                    "check the server's or proxy's error log");
        }
        String who = reply.fromVakt() ? "Vakt " + reply.header("x-vakt-version").orElse("")
                : reply.server().isEmpty() ? "a server that does not name itself" : reply.server();
        JsonNode json = Json.parse(reply.body());
        int status = reply.status();
        if (status == 200 && "UP".equals(Json.text(json, "status"))) {
            run.apiAnswers = true;
            if (!reply.fromVakt()) {
                return StepResult.warn(HEALTH, "health UP, answered by " + who,
                        "the answer lacks Vakt's X-Vakt-Version header: something between rewrites headers, or this is not Vakt",
                        "let the proxy pass response headers unchanged");
            }
            return StepResult.ok(HEALTH, "health UP from " + who);
        }
        if (status == 503 && reply.fromVakt()) {
            return StepResult.fail(HEALTH, "health DOWN from " + who, "Vakt is starting or stopping",
                    "wait a few seconds and run the doctor again; see Vakt's log if it stays DOWN");
        }
        String detail = "GET " + target.apiPath("/health") + " → HTTP " + status + " from " + who
                + (reply.bodySnippet().isEmpty() ? "" : ": " + reply.bodySnippet());
        if (status == 502 || status == 504) {
            return StepResult.fail(HEALTH, detail, "the proxy " + (status == 502 ? "cannot reach Vakt (connection refused or reset)"
                            : "timed out waiting for Vakt"),
                    "check that Vakt runs and that the proxy's upstream (proxy_pass) is Vakt's host and port");
        }
        if (status >= 300 && status < 400) {
            String location = reply.header("location").orElse("?");
            return StepResult.fail(HEALTH, detail + " → " + location,
                    "the server redirects the API to " + location + ": browsers follow, WebSocket clients do not",
                    location.startsWith("https://") ? "run the doctor with the https URL users should open: vakt doctor "
                            + location.replaceFirst("/arrigo/api/health$", "") : "use the URL the redirect names");
        }
        if (status == 404 || status == 200) {
            return StepResult.fail(HEALTH, detail,
                    reply.fromVakt() ? "Vakt has no health endpoint at this path: a path prefix is wrong"
                            : "the answer did not come from Vakt: the proxy does not route " + target.apiPath("/") + " to Vakt, or this is another site",
                    "route " + target.apiPath("/") + " to Vakt in the proxy (nginx: location / { proxy_pass http://<vakt-host>:<port>; })");
        }
        return StepResult.fail(HEALTH, detail, who + " answered HTTP " + status, "check the server's or proxy's log");
    }

    /** What the server saw of this very request ({@code /arrigo/api/diagnostics}): client address, forwarded headers, scheme. */
    static StepResult diagnostics(RunContext run) throws InterruptedException {
        HttpLink.Reply reply;
        try {
            reply = run.link.get("/diagnostics");
        } catch (IOException e) {
            return StepResult.warn(DIAGNOSTICS, DoctorText.describe(e), "the diagnostics endpoint did not answer", "see Vakt's log");
        }
        if (reply.status() == 404) {
            return StepResult.notApplicable(DIAGNOSTICS, "this server has no /arrigo/api/diagnostics (an older Vakt)");
        }
        JsonNode json = Json.parse(reply.body());
        if (reply.status() != 200 || json.isMissingNode()) {
            return StepResult.warn(DIAGNOSTICS, "HTTP " + reply.status() + (reply.bodySnippet().isEmpty() ? "" : ": " + reply.bodySnippet()),
                    "the diagnostics endpoint gave no usable answer", "see Vakt's log");
        }
        JsonNode client = json.path("client");
        JsonNode request = json.path("request");
        String address = Json.text(client, "address");
        String peer = Json.text(client, "peer");
        boolean viaProxy = client.path("viaTrustedProxy").asBoolean(false);
        List<String> parts = new ArrayList<>();
        parts.add("client " + address + (viaProxy ? " via trusted proxy " + peer : peer != null && !peer.equals(address) ? " (peer " + peer + ")" : ""));
        parts.add("scheme " + Json.text(request, "scheme"));
        List<String> forwarded = new ArrayList<>();
        for (Map.Entry<String, JsonNode> header : request.path("forwardedHeaders").properties()) {
            forwarded.add(header.getKey() + ": " + header.getValue().asString());
        }
        parts.add(forwarded.isEmpty() ? "no forwarding headers" : String.join(", ", forwarded));
        String detail = String.join("; ", parts);
        if (client.path("untrustedForwardedHeaders").asBoolean(false)) {
            return StepResult.warn(DIAGNOSTICS, detail,
                    "a proxy sends forwarding headers, but its address " + peer + " is not in proxy.trusted: Vakt logs,"
                            + " audits and throttles the proxy's address instead of the real client's",
                    "add " + peer + " to proxy.trusted in Vakt's configuration (docs/configuration.md)");
        }
        if (run.target().tls() && "http".equals(Json.text(request, "scheme"))) {
            return StepResult.warn(DIAGNOSTICS, detail,
                    "the request arrived over HTTPS, but Vakt believes it is plain http: the proxy does not send "
                            + "X-Forwarded-Proto (or is not in proxy.trusted), so origin checks and redirects use http",
                    "nginx: proxy_set_header X-Forwarded-Proto $scheme; and list the proxy in proxy.trusted");
        }
        return StepResult.ok(DIAGNOSTICS, detail);
    }

    static StepResult signIn(RunContext run) throws InterruptedException {
        try {
            return switch (run.options.credentials()) {
                case Credentials.None none -> StepResult.skip(SIGN_IN, run.noTokenReason);
                case Credentials.Password password -> login(run, password);
                case Credentials.Token token -> verify(run, token);
            };
        } catch (IOException e) {
            run.noTokenReason = "sign-in failed";
            return StepResult.fail(SIGN_IN, DoctorText.describe(e), "the login endpoint did not answer", "see Vakt's log");
        }
    }

    private static StepResult login(RunContext run, Credentials.Password password) throws IOException, InterruptedException {
        String body = Json.write(Map.of("username", password.user(), "password", password.password()));
        HttpLink.Reply reply = run.link.postJson("/login", body);
        JsonNode json = Json.parse(reply.body());
        if (reply.status() == 200 && Json.text(json, "authToken") != null) {
            run.token = Json.text(json, "authToken");
            run.user = password.user();
            return StepResult.ok(SIGN_IN, "signed in as " + password.user() + " (token valid " + Json.text(json, "expires_in") + " s)");
        }
        run.noTokenReason = "sign-in failed";
        if (reply.status() == 401) {
            return StepResult.fail(SIGN_IN, "HTTP 401 for user " + password.user(),
                    "the user name or password is wrong, or the user is disabled",
                    "check them; an administrator can reset the password with vakt user passwd " + password.user());
        }
        return StepResult.fail(SIGN_IN, "POST " + run.target().apiPath("/login") + " → HTTP " + reply.status()
                        + (reply.bodySnippet().isEmpty() ? "" : ": " + reply.bodySnippet()),
                reply.fromVakt() ? "Vakt refused the sign-in" : "the answer did not come from Vakt: the proxy does not pass POST " + run.target().apiPath("/login"),
                "see Vakt's log, and route all of " + run.target().apiPath("/") + " to Vakt");
    }

    private static StepResult verify(RunContext run, Credentials.Token token) throws IOException, InterruptedException {
        HttpLink.Reply reply = run.link.postJson("/login/verify", Json.write(Map.of("authToken", token.accessToken())));
        if (reply.status() == 204) {
            run.token = token.accessToken();
            run.user = tokenSubject(token.accessToken());
            return StepResult.ok(SIGN_IN, "the access token is valid" + (run.user == null ? "" : " (user " + run.user + ")"));
        }
        run.noTokenReason = "the token was refused";
        return StepResult.fail(SIGN_IN, "POST " + run.target().apiPath("/login/verify") + " → HTTP " + reply.status(),
                "the access token is expired or was not issued by this server (access tokens live 10 minutes by default)",
                "sign in again for a fresh token, or use --user NAME --password-stdin");
    }

    /** The {@code sub} of a JWT, read without checking it (the server checked it); null when unreadable. */
    static String tokenSubject(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) return null;
        try {
            return Json.text(Json.parse(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
                    java.nio.charset.StandardCharsets.UTF_8)), "sub");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
