package io.croupier.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client against the service under test, as a browser, a casino or another service calls it: JSON bodies,
 * an optional bearer token, and never following redirects. Every module's tests call their service through it.
 */
public final class ServiceHttp {

    /** A manager's token of the test issuer: what the admin API tests call with. */
    public static String manager() {
        return TestInfrastructure.issuer().token(TestIssuer.MANAGER);
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;

    private final String token;

    /** Anonymous, as visitors and casinos call. */
    public ServiceHttp(int port) {
        this(port, null);
    }

    /** With {@code Authorization: Bearer <token>} on every request; none when {@code token} is null. */
    public ServiceHttp(int port, String token) {
        this.base = "http://127.0.0.1:" + port;
        this.token = token;
    }

    public String baseUrl() {
        return base;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Answer get(String path, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).headers(headers).GET());
    }

    /** A JSON post; with no body when {@code json} is null. */
    public Answer post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A post of {@code body} as {@code contentType}: a CSV file, an XML document, whatever the test sends. */
    public Answer post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Uploads {@code content} as the {@code file} part of a form, as a browser or {@code curl -F} does. */
    public Answer upload(String path, String fileName, String contentType, String content) {
        String boundary = "croupier-test-boundary";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: " + contentType + "\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
        return post(path, "multipart/form-data; boundary=" + boundary, body);
    }

    /** A form post, with any extra headers as name, value pairs. */
    public Answer form(String path, String form, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Answer put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    private Answer send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return new Answer(CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString()));
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

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        /** The entry a problem's {@code errors} list gives for {@code field}: its {@code field} and {@code message}. */
        public JsonNode fieldError(String field) {
            for (JsonNode error : json().get("errors")) {
                if (field.equals(error.get("field").asString())) {
                    return error;
                }
            }
            throw new AssertionError("no error for " + field + " in " + json());
        }

        public String body() {
            return response.body();
        }
    }
}
