package io.croupier.frontdoor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.croupier.embedded.FreePorts;
import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front door on its own, in front of a recording HTTP server standing in for every service but the commission
 * service, which is not running: what arrives, what comes back, and what the front door answers itself.
 */
class FrontDoorTest {

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    private static HttpServer services;

    private static ConfigurableApplicationContext frontDoor;

    private static int port;

    private static int additionalPort;

    @BeforeAll
    static void start() throws IOException {
        services = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        services.createContext("/", FrontDoorTest::answer);
        services.start();
        String serviceUrl = "http://127.0.0.1:" + services.getAddress().getPort();
        additionalPort = FreePorts.next();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--croupier.front-door.additional-ports=" + additionalPort));
        for (Backend backend : Backend.values()) {
            String url = backend == Backend.COMMISSION ? "http://127.0.0.1:" + FreePorts.next() : serviceUrl;
            arguments.add("--croupier.front-door.backends." + backend.name().toLowerCase() + "=" + url);
        }
        frontDoor = new SpringApplicationBuilder(FrontDoorApplication.class).run(arguments.toArray(String[]::new));
        port = Integer.parseInt(frontDoor.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        frontDoor.close();
        services.stop(0);
    }

    @BeforeEach
    void forget() {
        RECEIVED.clear();
    }

    @Test
    void aRequestReachesItsServiceUnchangedAndItsAnswerComesBackUnchanged() {
        ServiceHttp.Answer answer = new ServiceHttp(port).withHeaders("X-Casino", "casino_pro")
            .post("/webhooks/gaming/deposit?x=1&y=%C3%A9", "{\"user_id\":\"test\"}");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.header("X-Answered-By")).isEqualTo("stub");
        assertThat(answer.body()).isEqualTo("answer to /webhooks/gaming/deposit");
        Received received = RECEIVED.get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.rawPathAndQuery()).isEqualTo("/webhooks/gaming/deposit?x=1&y=%C3%A9");
        assertThat(received.body()).isEqualTo("{\"user_id\":\"test\"}");
        assertThat(received.header("X-Casino")).isEqualTo("casino_pro");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    }

    @Test
    void aRedirectIsPassedOnNotFollowed() {
        ServiceHttp.Answer answer = get("/click?source=facebook");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).isEqualTo("https://casino.example/land");
        assertThat(RECEIVED).hasSize(1);
    }

    @Test
    void theCallersAddressIsAppendedToTheChainItBrought() {
        new ServiceHttp(port).get("/click", "X-Forwarded-For", "203.0.113.9");

        assertThat(RECEIVED.get(0).header("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
    }

    @Test
    void literalMacrosArePassedOnEncodedInsteadOfRefused() throws IOException {
        String answer = rawGet(port, "/postback/abc123xyz?click_id={click_id}&payout={payout}");

        assertThat(answer).startsWith("HTTP/1.1 200");
        assertThat(RECEIVED.get(0).rawPathAndQuery())
            .isEqualTo("/postback/abc123xyz?click_id=%7Bclick_id%7D&payout=%7Bpayout%7D");
    }

    @Test
    void theAdditionalPortAnswersLikeTheMainOne() {
        ServiceHttp.Answer answer = new ServiceHttp(additionalPort).get("/admin/offers");

        assertThat(answer.status()).isEqualTo(201);
        assertThat(RECEIVED.get(0).rawPathAndQuery()).isEqualTo("/admin/offers");
    }

    @Test
    void aPathNoServiceOwnsIsA404ProblemAndReachesNobody() {
        ServiceHttp.Answer answer = get("/actuator/prometheus");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.json().path("status").asInt()).isEqualTo(404);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void aServiceThatCannotBeReachedIsA502Problem() {
        ServiceHttp.Answer answer = get("/reports/publishers");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.json().path("detail").asString()).isEqualTo(
                "commission-service cannot be reached");
    }

    @Test
    void healthNamesEveryServiceAndIsDownWhileOneIs() {
        ServiceHttp.Answer answer = get("/health");

        assertThat(answer.status()).isEqualTo(503);
        JsonNode health = answer.json();
        assertThat(health.path("status").asString()).isEqualTo("DOWN");
        assertThat(health.path("services").path("click-service").asString()).isEqualTo("UP");
        assertThat(health.path("services").path("commission-service").asString()).isEqualTo("DOWN");
        assertThat(health.path("services").size()).isEqualTo(Backend.values().length);
    }

    @Test
    void aServiceNamedInThePathIsAskedForTheRest() {
        get("/services/optimizer-service/admin/dead-letters?limit=5");

        assertThat(RECEIVED.get(0).rawPathAndQuery()).isEqualTo("/admin/dead-letters?limit=5");
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/actuator/health")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    exchange.getRequestHeaders(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            exchange.getResponseHeaders().add("X-Answered-By", "stub");
            if (path.equals("/openapi.json")) {
                byte[] document = SERVICE_DOCUMENT.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, document.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(document);
                }
                return;
            }
            if (path.equals("/click")) {
                exchange.getResponseHeaders().add("Location", "https://casino.example/land");
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            byte[] body = ("answer to " + path).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.startsWith("/postback/") ? 200 : 201, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Test
    void theDocumentationMergesTheServicesDocumentsAndNamesTheServiceItCannotReach() {
        ServiceHttp.Answer answer = get("/docs/operators.json");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode definition = answer.json();
        assertThat(definition.path("info").path("description").asString())
            .endsWith("**Missing right now** (not reachable from the front door): commission-service");
        assertThat(definition.path("servers").get(0).path("url").asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(definition.path("paths").propertyNames()).contains("/admin/offers",
                "/services/optimizer-service/admin/dead-letters", "/services/click-service/admin/dead-letters")
            .doesNotContain("/admin/dead-letters", "/click");
        assertThat(definition.path("components").path("schemas").propertyNames()).containsExactly("Offer");
        assertThat(definition.path("tags").get(0).path("description").asString()).isEqualTo("The offers");
        assertThat(get("/docs/publishers.json").json().path("paths").propertyNames())
            .contains("/click", "/services/identity-service/click")
            .doesNotContain("/services/postback-service/click", "/admin/offers");
        assertThat(get("/docs/nobody.json").status()).isEqualTo(404);
    }

    @Test
    void aDefinitionMissingAServiceIsMergedAgainForTheNextReader() {
        get("/docs/operators.json");
        get("/docs/operators.json");

        long reachable = Arrays.stream(Backend.values())
            .filter(backend -> backend != Backend.CONSOLE && backend != Backend.COMMISSION)
            .count();
        assertThat(documentsAsked()).isEqualTo(2 * reachable);
    }

    @Test
    void aCompleteDefinitionIsMergedOnceAndEveryReaderGetsItWithItsOwnServer() {
        int complete = FreePorts.next();
        List<String> arguments = new ArrayList<>(List.of("--server.port=" + complete, "--server.address=127.0.0.1",
                "--croupier.front-door.additional-ports=", "--croupier.front-door.docs-cache-time=1h"));
        for (Backend backend : Backend.values()) {
            arguments.add("--croupier.front-door.backends." + backend.name().toLowerCase() + "=http://127.0.0.1:"
                    + services.getAddress().getPort());
        }
        try (ConfigurableApplicationContext everyServiceUp = new SpringApplicationBuilder(FrontDoorApplication.class)
            .run(arguments.toArray(String[]::new))) {
            List<String> servers = new ArrayList<>();
            for (String called : List.of("http://127.0.0.1:" + complete, "http://localhost:" + complete,
                    "http://127.0.0.1:" + complete)) {
                ServiceHttp.Answer answer = ServiceHttp.at(called).get("/docs/operators.json");
                servers.add(answer.json().path("servers").get(0).path("url").asString());
            }

            assertThat(servers).containsExactly("http://127.0.0.1:" + complete, "http://localhost:" + complete,
                    "http://127.0.0.1:" + complete);
            assertThat(documentsAsked()).isEqualTo(Backend.values().length - 1);
        }
    }

    @Test
    void aServicesOwnPageIsTheFrontDoorsSwaggerUiOverItsDocumentServedAtTheAddressCalled() {
        ServiceHttp.Answer page = get("/services/click-service/docs");
        ServiceHttp.Answer document = ServiceHttp.at("http://localhost:" + port).get(
                "/services/click-service/openapi.json", "X-Forwarded-Host", "attacker.example", "Forwarded",
                "host=attacker.example;proto=https");
        ServiceHttp.Answer unreachable = get("/services/commission-service/openapi.json");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("SwaggerUIBundle", "\"/services/click-service/openapi.json\"");
        assertThat(document.json().path("servers").get(0).path("url").asString())
            .isEqualTo("http://localhost:" + port + "/services/click-service");
        assertThat(document.json().path("paths").has("/admin/offers")).isTrue();
        assertThat(unreachable.status()).isEqualTo(502);
    }

    @Test
    void aServicesOwnSwaggerUiLeadsToItsPageBehindTheFrontDoor() {
        for (String raw : List.of("/swagger-ui/index.html", "/swagger-ui.html", "/swagger-ui/")) {
            ServiceHttp.Answer answer = get("/services/click-service" + raw);

            assertThat(answer.status()).as(raw).isEqualTo(302);
            assertThat(answer.header("Location")).as(raw).isEqualTo("/services/click-service/docs");
        }
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void redocReadsTheWholePlatformsDefinitionWithItsBundleServedByTheFrontDoor() {
        ServiceHttp.Answer page = get("/redoc");
        ServiceHttp.Answer bundle = get("/redoc/redoc.standalone.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<redoc spec-url=\"/openapi.json\">",
                "<script src=\"/redoc/redoc.standalone.js\">");
        assertThat(bundle.status()).isEqualTo(200);
        assertThat(bundle.header("Content-Type")).startsWith("text/javascript");
        assertThat(bundle.body()).hasSizeGreaterThan(500_000).contains("Redoc").doesNotContain("cdn.redoc.ly");
        assertThat(get("/redoc/other.js").status()).isEqualTo(404);
        assertThat(RECEIVED).isEmpty();
    }

    @Test
    void whatAClientClaimsAboutTheAddressItCalledIsNotPassedOn() {
        new ServiceHttp(port).get("/admin/offers", "X-Forwarded-Host", "attacker.example", "X-Forwarded-Proto",
                "https", "X-Forwarded-Port", "443", "X-Forwarded-Prefix", "/evil", "Forwarded",
                "host=attacker.example;proto=https", "X-Request-Id", "kept");

        Received received = RECEIVED.get(0);
        assertThat(received.header("X-Request-Id")).isEqualTo("kept");
        for (String claim : List.of("X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix",
                "Forwarded")) {
            assertThat(received.headers().containsKey(claim)).as(claim).isFalse();
        }
    }

    private static long documentsAsked() {
        return RECEIVED.stream().filter(received -> received.rawPathAndQuery().equals("/openapi.json")).count();
    }

    /** What every stand-in service documents: a public click, an offers API and dead letters for operators. */
    private static final String SERVICE_DOCUMENT = """
            {"openapi": "3.1.0", "info": {"title": "OpenAPI definition", "version": "v0"},
             "tags": [{"name": "Offers", "description": "The offers"}],
             "paths": {
              "/click": {"get": {"tags": ["Click link"], "security": [], "responses": {"302": {"description": "x"}}}},
              "/admin/offers": {"get": {"tags": ["Offers"], "security": [{"bearer": ["ADMIN", "MANAGER"]}],
                "responses": {"200": {"description": "x", "content": {"application/json":
                  {"schema": {"$ref": "#/components/schemas/Offer"}}}}}}},
              "/admin/dead-letters": {"get": {"tags": ["Dead letters"], "security": [{"bearer": ["ADMIN"]}],
                "responses": {"200": {"description": "x"}}}}},
             "components": {"schemas": {"Offer": {"type": "object"}, "Unused": {"type": "object"}},
              "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}}}
            """;

    private static ServiceHttp.Answer get(String pathAndQuery) {
        return new ServiceHttp(port).get(pathAndQuery);
    }

    /** Sends the request line byte for byte: Java's own clients refuse to send '{' in a URI. */
    private static String rawGet(int port, String pathAndQuery) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private record Received(String method, String rawPathAndQuery, Headers headers,
            String body) {

        String header(String name) {
            return headers.getFirst(name);
        }
    }
}
