package io.croupier.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client uses it. */
public final class IdentityApi {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    public IdentityApi(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public String baseUrl() {
        return base;
    }

    public Answer login(String username, String password) {
        return post("/login", """
                {"username":"%s","password":"%s"}""".formatted(username, password), null);
    }

    /** A token of a successful login. */
    public String tokenOf(String username, String password) {
        Answer answer = login(username, password);
        if (answer.status() != 200) {
            throw new AssertionError("login of " + username + " answered " + answer.status() + ": " + answer.body());
        }
        return answer.json().path("token").asString();
    }

    public String adminToken() {
        return tokenOf(IdentityServiceTest.ADMIN, IdentityServiceTest.ADMIN_PASSWORD);
    }

    /** Creates an account with a unique name; answers its username. */
    public String createAccount(String adminToken, String role, String publisherId, String password) {
        String username = role.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = post("/admin/accounts", """
                {"username":"%s","password":"%s","role":"%s","publisher_id":%s}""".formatted(username, password, role,
                publisherId == null ? "null" : "\"" + publisherId + "\""), adminToken);
        if (created.status() != 201) {
            throw new AssertionError("creating " + username + " answered " + created.status() + ": "
                    + created.body());
        }
        return username;
    }

    public Answer get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Answer post(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)),
                token);
    }

    public Answer put(String path, String json, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)), token);
    }

    public Answer delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    /** A form post, with any extra headers as name, value pairs. */
    public Answer form(String path, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, null);
    }

    private static Answer send(HttpRequest.Builder request, String token) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return new Answer(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Answer(HttpResponse<String> response) {

        public int status() {
            return response.statusCode();
        }

        public String body() {
            return response.body();
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }
}
