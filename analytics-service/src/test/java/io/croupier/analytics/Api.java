package io.croupier.analytics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a client sees it: an operator with a manager's token of the test issuer. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder()
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();

    private final HttpClient http = HttpClient.newHttpClient();

    private final String base;

    private final String token;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.token = TestInfrastructure.issuer().token(TestIssuer.MANAGER);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** Uploads {@code content} as the {@code file} part of a form, as a browser or {@code curl -F} does. */
    public Response upload(String path, String fileName, String contentType, String content) {
        String boundary = "croupier-test-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return post(path, "multipart/form-data; boundary=" + boundary, body);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String body, HttpResponse<String> raw) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        /** The message a problem's {@code errors} list gives for {@code field}. */
        public String fieldError(String field) {
            for (JsonNode error : json().path("errors")) {
                if (field.equals(error.path("field").asString())) {
                    return error.path("message").asString();
                }
            }
            throw new AssertionError("no error for " + field + " in " + body);
        }

        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }
    }
}
