package io.croupier.frontdoor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The platform's documentation page: Swagger UI at {@code /docs} (seed 001 names {@code http://localhost:5000/docs}),
 * one selectable definition per {@link Audience} at {@code /docs/<audience>.json}, and the whole platform's at
 * {@code /openapi.json}, and the same whole-platform definition read with ReDoc at {@code /redoc} (seed 002 names
 * {@code http://localhost:8000/redoc} as its alternative documentation). Each service's own page,
 * {@code /services/<service-name>/docs}, is {@link ServiceDocs}'.
 */
final class DocsServlet extends HttpServlet {

    private static final String UI_PREFIX = "/docs/swagger-ui/";

    private static final String REDOC_BUNDLE = "/redoc/redoc.standalone.js";

    private static final String REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";

    private static final String EMPTY_IMAGE = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E";

    private static final Pattern ASSET_NAME = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9]+)+");

    /** What a Host header may hold: a name, an IPv4 or a bracketed IPv6 address, and a port. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

    private final ApiDefinitions definitions;

    private final String assets;

    private final byte[] redoc;

    DocsServlet(ApiDefinitions definitions) {
        this.definitions = definitions;
        this.assets = "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/";
        this.redoc = redocBundle();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getRequestURI();
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            JsonAnswers.problem(response, 405, "Method Not Allowed", "the documentation is read with GET");
            return;
        }
        if ("/docs".equals(path) || "/docs/".equals(path) || "/docs/index.html".equals(path)) {
            Map<String, String> byUrl = new LinkedHashMap<>();
            Arrays.stream(Audience.values()).forEach(each -> byUrl.put(each.definitionPath(), each.label()));
            respond(response, "text/html", page(byUrl).getBytes(StandardCharsets.UTF_8));
            return;
        }
        if ("/redoc".equals(path) || "/redoc/".equals(path)) {
            respond(response, "text/html", REDOC_PAGE.getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (REDOC_BUNDLE.equals(path)) {
            response.setHeader("Cache-Control", "public, max-age=86400");
            respond(response, "text/javascript", redoc);
            return;
        }
        if ("/openapi.json".equals(path)) {
            JsonAnswers.respond(response, 200, "application/json",
                    definitions.definition(Audience.PLATFORM, serverUrl(request)));
            return;
        }
        Optional<Audience> audience = Arrays.stream(Audience.values())
            .filter(candidate -> candidate.definitionPath().equals(path))
            .findFirst();
        if (audience.isPresent()) {
            JsonAnswers.respond(response, 200, "application/json",
                    definitions.definition(audience.get(), serverUrl(request)));
            return;
        }
        if (path.startsWith(UI_PREFIX) && ASSET_NAME.matcher(path.substring(UI_PREFIX.length())).matches()) {
            try (InputStream asset = DocsServlet.class.getClassLoader()
                .getResourceAsStream(assets + path.substring(UI_PREFIX.length()))) {
                if (asset != null) {
                    response.setHeader("Cache-Control", "public, max-age=86400");
                    respond(response, contentType(path), asset.readAllBytes());
                    return;
                }
            }
        }
        JsonAnswers.problem(response, 404, "Not Found", "No documentation here; the pages are /docs and /redoc");
    }

    /**
     * The address the reader called: this connection's scheme and the Host header it sent. Forwarded headers are not
     * read: the front door is the platform's edge, and a client could write anything into them.
     */
    static String serverUrl(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return request.getScheme() + "://" + host;
    }

    private static final String REDOC_PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="UTF-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Croupier API</title>
              <link rel="icon" type="image/png" href="/docs/swagger-ui/favicon-32x32.png">
              <style>body { margin: 0; }</style>
            </head>
            <body>
              <redoc spec-url="/openapi.json"></redoc>
              <script src="%s"></script>
            </body>
            </html>
            """.formatted(REDOC_BUNDLE);

    /** Swagger UI over the definitions at these URLs, by the names the reader selects them by. */
    static String page(Map<String, String> definitions) {
        String urls = definitions.entrySet().stream()
            .map(definition -> "{\"url\": \"" + definition.getKey() + "\", \"name\": \"" + definition.getValue()
                    + "\"}")
            .collect(Collectors.joining(",\n          "));
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="UTF-8">
                  <title>Croupier API</title>
                  <link rel="stylesheet" href="/docs/swagger-ui/swagger-ui.css">
                  <link rel="icon" type="image/png" href="/docs/swagger-ui/favicon-32x32.png">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/docs/swagger-ui/swagger-ui-bundle.js"></script>
                  <script src="/docs/swagger-ui/swagger-ui-standalone-preset.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({
                      urls: [
                          %s
                      ],
                      dom_id: "#swagger-ui",
                      deepLinking: true,
                      persistAuthorization: true,
                      presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                      layout: "StandaloneLayout"
                    });
                  </script>
                </body>
                </html>
                """.formatted(urls);
    }

    private static String contentType(String path) {
        if (path.endsWith(".js")) {
            return "text/javascript";
        }
        if (path.endsWith(".css")) {
            return "text/css";
        }
        if (path.endsWith(".png")) {
            return "image/png";
        }
        return path.endsWith(".html") ? "text/html" : "application/octet-stream";
    }

    static void respond(HttpServletResponse response, String contentType, byte[] body) throws IOException {
        response.setStatus(200);
        response.setContentType(contentType);
        if (contentType.startsWith("text/")) {
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        }
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    /**
     * ReDoc's bundle with its sidebar logo drawn inline: the bundle fetches it from Redocly's CDN unconditionally,
     * and the platform's pages load nothing from outside the platform.
     */
    private static byte[] redocBundle() {
        try (InputStream bundle = DocsServlet.class.getResourceAsStream("redoc/redoc.standalone.js")) {
            if (bundle == null) {
                throw new IllegalStateException("ReDoc's bundle is not on the class path: build front-door with Maven");
            }
            String script = new String(bundle.readAllBytes(), StandardCharsets.UTF_8);
            if (!script.contains(REDOC_CDN_LOGO)) {
                throw new IllegalStateException("ReDoc's bundle no longer names " + REDOC_CDN_LOGO
                        + ": check what else this ReDoc version loads from outside");
            }
            return script.replace(REDOC_CDN_LOGO, EMPTY_IMAGE).getBytes(StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new IllegalStateException("ReDoc's bundle cannot be read", e);
        }
    }

    /** The Swagger UI on the class path, whichever version the build chose. */
    private static String swaggerUiVersion() {
        try (InputStream pom = DocsServlet.class.getClassLoader()
            .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (pom == null) {
                throw new IllegalStateException("Swagger UI (org.webjars:swagger-ui) is not on the class path");
            }
            Properties properties = new Properties();
            properties.load(pom);
            return properties.getProperty("version");
        }
        catch (IOException e) {
            throw new IllegalStateException("Swagger UI's version cannot be read", e);
        }
    }
}
