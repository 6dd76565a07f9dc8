package io.croupier.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small JSON-over-HTTP client for the services' admin APIs, as an operator's script would use them: it logs in at
 * identity-service and sends the token with every call.
 */
final class AdminApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient CLIENT = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5))
        .build();

    private final String token;

    private AdminApi(String token) {
        this.token = token;
    }

    /** {@code POST /login} at identity-service, seed 002's way. */
    static AdminApi logIn(String identityUrl, String username, String password) {
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(identityUrl + "/login"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", username,
                    "password", password))));
        return new AdminApi(JSON.readTree(send(login, 200)).path("token").asString());
    }

    String token() {
        return token;
    }

    /** Every item of a list: a bare array as it is, a paged answer followed through its cursors to the last page. */
    List<JsonNode> list(String url) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode body = get(url);
        while (body.isObject()) {
            body.path("items").forEach(items::add);
            if (body.path("next_cursor").isNull() || body.path("next_cursor").isMissingNode()) {
                return items;
            }
            body = get(url + (url.contains("?") ? "&" : "?") + "cursor="
                    + URLEncoder.encode(body.path("next_cursor").asString(), StandardCharsets.UTF_8));
        }
        body.forEach(items::add);
        return items;
    }

    JsonNode create(String url, Map<String, Object> payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)));
        return JSON.readTree(send(authorized(request), 201));
    }

    JsonNode get(String url) {
        return JSON.readTree(send(authorized(HttpRequest.newBuilder(URI.create(url)).GET()), 200));
    }

    /** A POST without a body that answers 200, such as a rotation. */
    JsonNode post(String url) {
        return JSON.readTree(send(authorized(HttpRequest.newBuilder(URI.create(url))
            .POST(HttpRequest.BodyPublishers.noBody())), 200));
    }

    JsonNode put(String url, Map<String, Object> payload) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(payload)));
        return JSON.readTree(send(authorized(request), 200));
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static String send(HttpRequest.Builder request, int expectedStatus) {
        try {
            HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri()
                        + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
