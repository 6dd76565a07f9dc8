package io.croupier.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** What the console serves on its own port, before any browser: the pages, the charting library, its headers. */
@SpringBootTest(classes = ConsoleApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePagesTest {

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("croupier.access.issuer", () -> TestInfrastructure.issuer().url());
        registry.add("croupier.access.jwk-set-uri", () -> TestInfrastructure.issuer().jwkSetUri());
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Test
    void thePagesAreServedUnderConsoleWithAPolicyThatRunsOnlyThisOriginsScripts() throws Exception {
        HttpResponse<String> redirect = get("/console");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/console/"));

        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(
                SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("script-src 'self';", "frame-ancestors 'none'")
            .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<String> module = get("/console/js/app.js");
        assertThat(module.statusCode()).isEqualTo(200);
        assertThat(module.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).contains("javascript"));
    }

    @Test
    void theChartingLibraryComesFromItsWebJarWithoutAVersionInThePath() throws Exception {
        HttpResponse<String> uplot = get("/console/webjars/uplot/dist/uPlot.esm.js");

        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("export { uPlot as default }");
    }

    @Test
    void itReportsItsHealthToAnyoneAndItsMetersToOperatorsLikeEveryService() throws Exception {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        HttpResponse<String> anonymous = get("/actuator/prometheus");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("service=\"console\"");
        assertThat(get("/actuator/prometheus", TestInfrastructure.issuer().publisherToken("7")).statusCode())
            .isEqualTo(403);
        HttpResponse<String> scraped = get("/actuator/prometheus",
                TestInfrastructure.issuer().token(TestIssuer.ANALYST));
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.body()).contains("service=\"console\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + token)
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
