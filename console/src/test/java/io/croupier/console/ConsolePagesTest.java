package io.croupier.console;

import io.croupier.embedded.ServiceHttp;
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

    @LocalServerPort
    int port;

    @Test
    void thePagesAreServedUnderConsoleWithAPolicyThatRunsOnlyThisOriginsScripts() {
        ServiceHttp.Answer redirect = get("/console");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).endsWith("/console/");

        ServiceHttp.Answer page = get("/console/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"js/app.js\"></script>");
        assertThat(page.header("Content-Security-Policy")).isEqualTo(SecurityHeaders.CONTENT_SECURITY_POLICY);
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY).contains("script-src 'self';", "frame-ancestors 'none'")
            .doesNotContain("unsafe");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");

        ServiceHttp.Answer module = get("/console/js/app.js");
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.header("Content-Type")).contains("javascript");
    }

    @Test
    void theChartingLibraryComesFromItsWebJarWithoutAVersionInThePath() {
        ServiceHttp.Answer uplot = get("/console/webjars/uplot/dist/uPlot.esm.js");

        assertThat(uplot.status()).isEqualTo(200);
        assertThat(uplot.body()).contains("export { uPlot as default }");
    }

    @Test
    void itReportsItsHealthToAnyoneAndItsMetersToOperatorsLikeEveryService() {
        ServiceHttp.Answer health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        ServiceHttp.Answer anonymous = get("/actuator/prometheus");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.body()).doesNotContain("service=\"console\"");
        assertThat(get("/actuator/prometheus", TestInfrastructure.issuer().publisherToken("7")).status())
            .isEqualTo(403);
        ServiceHttp.Answer scraped = get("/actuator/prometheus",
                TestInfrastructure.issuer().token(TestIssuer.ANALYST));
        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body()).contains("service=\"console\"");
    }

    private ServiceHttp.Answer get(String path) {
        return new ServiceHttp(port).get(path);
    }

    private ServiceHttp.Answer get(String path, String token) {
        return new ServiceHttp(port, token).get(path);
    }
}
