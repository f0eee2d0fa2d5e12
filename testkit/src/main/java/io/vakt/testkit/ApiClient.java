package io.vakt.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A small client of Vakt's HTTP API for tests and the load generator. */
public final class ApiClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String apiUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public ApiClient(String apiUrl) { this.apiUrl = apiUrl; }

    /** The answer of one request. {@code json} is null when the body was empty or not JSON. */
    public record Response(int status, Map<String, String> headers, String body, JsonNode json) {
        public String header(String name) { return headers.get(name.toLowerCase(java.util.Locale.ROOT)); }
    }

    /** Tokens from a login or refresh. */
    public record Tokens(String authToken, String refreshToken, int expiresIn) {}

    public Tokens login(String username, String password) {
        Response response = post("/login", Map.of("username", username, "password", password), null);
        if (response.status() != 200) throw new IllegalStateException("login of " + username + " failed: " + response);
        return tokens(response);
    }

    public Tokens refresh(Tokens tokens) {
        Response response = post("/login/refresh", Map.of("refreshToken", tokens.refreshToken()), tokens.authToken());
        if (response.status() != 200) throw new IllegalStateException("refresh failed: " + response);
        return tokens(response);
    }

    private static Tokens tokens(Response response) {
        return new Tokens(response.json().get("authToken").asString(), response.json().get("refreshToken").asString(),
                response.json().get("expires_in").asInt());
    }

    /** Runs a GraphQL operation and returns the whole result ({@code data}, {@code errors}). */
    public JsonNode graphql(String token, String query, Map<String, Object> variables) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        Response response = post("/graphql", body, token);
        if (response.status() != 200) throw new IllegalStateException("GraphQL request failed: " + response);
        return response.json();
    }

    public Response post(String path, Object jsonBody, String token) {
        return send(path, "POST", "application/json", jsonBody == null ? "" : JSON.writeValueAsString(jsonBody), token);
    }

    public Response get(String path, String token) { return send(path, "GET", null, null, token); }

    /** A raw request, for tests of content types, bodies and methods. */
    public Response send(String path, String method, String contentType, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) request.header("Content-Type", contentType);
        if (token != null) request.header("Authorization", "Bearer " + token);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values.getFirst()));
            JsonNode json = null;
            String text = response.body();
            if (text != null && !text.isBlank() && headers.getOrDefault("content-type", "").contains("json")) {
                json = JSON.readTree(text);
            }
            return new Response(response.statusCode(), headers, text, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
