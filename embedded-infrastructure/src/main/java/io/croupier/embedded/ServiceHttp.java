package io.croupier.embedded;

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
import java.util.Arrays;
import java.util.List;

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

    /** Long enough for any request a test makes; a service that hangs fails its test instead of stalling the build. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String base;

    private final String token;

    private final String[] headers;

    /** Anonymous, as visitors and casinos call. */
    public ServiceHttp(int port) {
        this(port, null);
    }

    /** With {@code Authorization: Bearer <token>} on every request; none when {@code token} is null. */
    public ServiceHttp(int port, String token) {
        this("http://127.0.0.1:" + port, token, new String[0]);
    }

    /**
     * Anonymous, at this base ({@code http://host:port}): for a test whose subject is the name the caller used, such
     * as {@code localhost} instead of the loopback address.
     */
    public static ServiceHttp at(String baseUrl) {
        return new ServiceHttp(baseUrl, null, new String[0]);
    }

    private ServiceHttp(String base, String token, String[] headers) {
        this.base = base;
        this.token = token;
        this.headers = headers;
    }

    /** The same client with these headers (name, value pairs) on every request besides its own. */
    public ServiceHttp withHeaders(String... more) {
        String[] all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return new ServiceHttp(base, token, all);
    }

    public String baseUrl() {
        return base;
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** A get with these headers (name, value pairs) besides the client's own. */
    public Answer get(String path, String... headers) {
        return withHeaders(headers).get(path);
    }

    /**
     * Every page of a cursor-paged list, first to last: {@code path} first, then again with each page's
     * {@code next_cursor} until it is null, as on the last page. A page answered other than 200, or without a
     * {@code next_cursor} at all, fails the walk.
     */
    public List<JsonNode> everyPage(String path) {
        List<JsonNode> pages = new ArrayList<>();
        String cursor = null;
        do {
            Answer answer = get(cursor == null ? path
                    : path + (path.contains("?") ? "&" : "?") + "cursor="
                            + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            if (answer.status() != 200) {
                throw new AssertionError("page " + (pages.size() + 1) + " of " + path + " answered "
                        + answer.status() + ": " + answer.body());
            }
            JsonNode page = answer.json();
            pages.add(page);
            if (!page.has("next_cursor")) {
                throw new AssertionError("page " + pages.size() + " of " + path + " has no next_cursor: " + page);
            }
            JsonNode next = page.get("next_cursor");
            cursor = next.isNull() ? null : next.asString();
        }
        while (cursor != null);
        return pages;
    }

    /**
     * Checks what every cursor-paged list answers to a cursor it did not write and to a limit over 500: a 400, the
     * platform's one invalid-request problem, naming the field.
     */
    public void refusesBadPaging(String list) {
        String separator = list.contains("?") ? "&" : "?";
        refused(list + separator + "cursor=dGFtcGVyZWQ", "cursor", "is not one this API answered");
        refused(list + separator + "limit=501", "limit", "must be between 1 and 500");
    }

    private void refused(String path, String field, String message) {
        Answer answer = get(path);
        if (answer.status() != 400 || !"application/problem+json".equals(answer.header("Content-Type"))
                || !message.equals(answer.fieldError(field).path("message").asString())) {
            throw new AssertionError(path + " answered " + answer.status() + " " + answer.body() + ", not a 400 "
                    + "problem saying " + field + " " + message);
        }
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
        return withHeaders(headers).send(HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
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
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return new Answer(CLIENT.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
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
