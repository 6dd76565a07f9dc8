package io.croupier.access;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=when-authorized",
                "management.endpoint.health.roles=ADMIN,MANAGER,ANALYST",
                "croupier.access.revoked-sessions-refresh=200ms" })
class AccessControlTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("croupier.access.issuer", ISSUER::url);
    }

    @Test
    void anOperatorEndpointWithoutATokenIsA401ProblemThatAsksForABearerToken() throws Exception {
        HttpResponse<String> answer = get("/reports", null);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("title").asString()).isEqualTo("Unauthorized");
    }

    static List<String> refusedTokens() {
        return List.of(ISSUER.expiredToken(TestIssuer.ADMIN), ISSUER.forgedToken(TestIssuer.ADMIN),
                ISSUER.unsignedToken(TestIssuer.ADMIN), ISSUER.tokenOfAnotherIssuer(TestIssuer.ADMIN),
                ISSUER.tokenForAnotherAudience(TestIssuer.ADMIN),
                ISSUER.token(TestIssuer.ADMIN, claims -> claims.expirationTime(null)),
                ISSUER.token(TestIssuer.ADMIN, claims -> claims.subject(null)), hmacSignedToken(), "not-a-jwt");
    }

    @ParameterizedTest
    @MethodSource("refusedTokens")
    void expiredForgedUnsignedForeignAndMalformedTokensAreRefusedWithoutSayingWhy(String token) throws Exception {
        HttpResponse<String> answer = get("/reports", token);

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("detail").asString()).isEqualTo("Invalid token.");
        assertThat(answer.body()).doesNotContainIgnoringCase("expired").doesNotContainIgnoringCase("signature")
            .doesNotContainIgnoringCase("issuer").doesNotContainIgnoringCase("audience")
            .doesNotContainIgnoringCase("exception");
    }

    @Test
    void aTokenIssuedBeforeItsSubjectsSessionsWereRevokedIsRefusedWhileALaterOneIsServed() throws Exception {
        String subject = "revoked-" + UUID.randomUUID();
        String earlier = ISSUER.token(TestIssuer.ANALYST, claims -> claims.subject(subject)
            .issueTime(Date.from(Instant.now().minusSeconds(2))));
        assertThat(get("/reports", earlier).statusCode()).isEqualTo(200);

        Instant revokedAt = ISSUER.revokeSessionsOf(subject);
        String later = ISSUER.token(TestIssuer.ANALYST, claims -> claims.subject(subject)
            .issueTime(Date.from(revokedAt.plusSeconds(1))));

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(get("/reports", earlier).statusCode()).isEqualTo(401));
        HttpResponse<String> refused = get("/reports", earlier);
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).isEqualTo("Invalid token.");
        assertThat(get("/reports", later).statusCode()).isEqualTo(200);
        assertThat(get("/reports", ISSUER.token(TestIssuer.ANALYST)).statusCode()).as("another subject")
            .isEqualTo(200);
    }

    @Test
    void aValidTokenOfAnAllowedRoleIsServedAndNamesItsCaller() throws Exception {
        HttpResponse<String> answer = get("/reports", ISSUER.token(TestIssuer.ANALYST));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(answer.body()).path("caller").asString()).isEqualTo("test-analyst");
    }

    @Test
    void aRoleThatMayNotIsA403Problem() throws Exception {
        HttpResponse<String> answer = post("/things", ISSUER.token(TestIssuer.ANALYST));

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(answer.body()).path("title").asString()).isEqualTo("Forbidden");
        assertThat(post("/things", ISSUER.token(TestIssuer.MANAGER)).statusCode()).isEqualTo(200);
    }

    @Test
    void anEndpointNoRuleNamesIsForAdminsOnly() throws Exception {
        assertThat(get("/undeclared", null).statusCode()).isEqualTo(401);
        assertThat(get("/undeclared", ISSUER.token(TestIssuer.MANAGER)).statusCode()).isEqualTo(403);
        assertThat(get("/undeclared", ISSUER.token(TestIssuer.ANALYST)).statusCode()).isEqualTo(403);
        assertThat(get("/undeclared", ISSUER.publisherToken("7")).statusCode()).isEqualTo(403);
        assertThat(get("/undeclared", ISSUER.token(TestIssuer.ADMIN)).statusCode()).isEqualTo(200);
    }

    @Test
    void aPublisherSeesItsOwnDataAndAnotherPublishersIdIsNotFound() throws Exception {
        String publisher = ISSUER.publisherToken("7");

        assertThat(get("/publishers/7/earnings", publisher).statusCode()).isEqualTo(200);
        assertThat(get("/publishers/8/earnings", publisher).statusCode()).isEqualTo(404);
        assertThat(get("/publishers/8/earnings", ISSUER.token(TestIssuer.ANALYST)).statusCode()).isEqualTo(200);
        assertThat(get("/reports", publisher).statusCode()).isEqualTo(403);
    }

    @Test
    void aPublisherRoleWithoutAPublisherClaimGrantsNothing() throws Exception {
        String noPublisher = ISSUER.token(TestIssuer.PUBLISHER);

        assertThat(get("/publishers/7/earnings", noPublisher).statusCode()).isEqualTo(403);
    }

    @Test
    void publicEndpointsDoNotReadTheAuthorizationHeaderAtAll() throws Exception {
        HttpResponse<String> withGarbage = get("/open", "garbage");
        HttpResponse<String> withAdmin = get("/open", ISSUER.token(TestIssuer.ADMIN));

        assertThat(withGarbage.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(withAdmin.body()).path("who").asString()).isEqualTo("anonymous");
    }

    @Test
    void aHotPathIsServedOutsideTheSecurityFiltersWhilePublicEndpointsGetTheirHeaders() throws Exception {
        HttpResponse<String> hot = get("/hot", "garbage");
        HttpResponse<String> open = get("/open", null);

        assertThat(hot.statusCode()).isEqualTo(200);
        assertThat(hot.headers().firstValue("X-Content-Type-Options")).isEmpty();
        assertThat(open.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void healthShowsItsStatusToAnyoneAndItsDetailsToOperatorsOnly() throws Exception {
        JsonNode anonymous = JSON.readTree(get("/actuator/health", null).body());
        JsonNode publisher = JSON.readTree(get("/actuator/health", ISSUER.publisherToken("7")).body());
        JsonNode analyst = JSON.readTree(get("/actuator/health", ISSUER.token(TestIssuer.ANALYST)).body());

        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        assertThat(publisher.has("components")).isFalse();
        assertThat(analyst.has("components")).isTrue();
        assertThat(get("/actuator/health", ISSUER.expiredToken(TestIssuer.ADMIN)).statusCode())
            .as("a probe with a stale token still gets the status").isEqualTo(200);
    }

    @Test
    void metricsAreForOperators() throws Exception {
        assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);
        assertThat(get("/actuator/metrics", ISSUER.publisherToken("7")).statusCode()).isEqualTo(403);
        assertThat(get("/actuator/metrics", ISSUER.token(TestIssuer.ANALYST)).statusCode()).isEqualTo(200);
    }

    @Test
    void theApiDocumentIsPublicDeclaresTheBearerSchemeMarksPublicOperationsAndNamesTheRolesOfTheOthers() throws Exception {
        HttpResponse<String> answer = get("/v3/api-docs", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode document = JSON.readTree(answer.body());
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer");
        assertThat(scheme.path("type").asString()).isEqualTo("http");
        assertThat(scheme.path("scheme").asString()).isEqualTo("bearer");
        assertThat(document.path("security").get(0).has("bearer")).isTrue();
        assertThat(document.path("paths").path("/open").path("get").path("security").isEmpty()).isTrue();
        assertThat(document.path("paths").path("/open").path("get").path("security").isArray()).isTrue();
        assertThat(document.path("paths").path("/reports").path("get").path("security").toString())
            .isEqualTo("[{\"bearer\":[\"ADMIN\",\"MANAGER\",\"ANALYST\"]}]");
        assertThat(document.path("paths").path("/reports").path("get").path("responses").path("401").path("content")
            .has("application/problem+json")).isTrue();
        assertThat(document.path("paths").path("/reports").path("get").path("responses").has("403")).isTrue();
        assertThat(document.path("paths").path("/open").path("get").path("responses").has("401")).isFalse();
        assertThat(document.path("paths").path("/publishers/{publisherId}/earnings").path("get").path("security")
            .toString()).isEqualTo("[{\"bearer\":[\"ADMIN\",\"MANAGER\",\"ANALYST\",\"PUBLISHER\"]}]");
        assertThat(document.path("paths").path("/publishers/{publisherId}/earnings").path("get")
            .path("parameters").toString()).doesNotContain("scope");
    }

    /** The classic confusion attack: HS256 with a key the attacker knows. No symmetric algorithm is accepted. */
    private static String hmacSignedToken() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder()
                .issuer(ISSUER.url())
                .audience(TestIssuer.AUDIENCE)
                .subject("attacker")
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .claim("roles", List.of("ADMIN"))
                .build());
            jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef0123456789abcdef".getBytes()));
            return jwt.serialize();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), token);
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
