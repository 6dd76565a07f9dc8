package io.croupier.access;

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
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.request.async.WebAsyncManagerIntegrationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "management.endpoints.web.exposure.include=health,metrics",
                "management.endpoint.health.show-details=when-authorized",
                "management.endpoint.health.roles=ADMIN,MANAGER,ANALYST",
                "croupier.access.revoked-sessions-refresh=200ms" })
class AccessControlTest {

    private static final TestIssuer ISSUER = TestInfrastructure.issuer();

    @LocalServerPort
    int port;

    @Autowired
    FilterChainProxy filters;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void trustTheTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("croupier.access.issuer", ISSUER::url);
    }

    @Test
    void anOperatorEndpointWithoutATokenIsA401ProblemThatAsksForABearerToken() {
        ServiceHttp.Answer answer = get("/reports", null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.json();
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
    void expiredForgedUnsignedForeignAndMalformedTokensAreRefusedWithoutSayingWhy(String token) {
        ServiceHttp.Answer answer = get("/reports", token);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        JsonNode problem = answer.json();
        assertThat(problem.path("detail").asString()).isEqualTo("Invalid token.");
        assertThat(answer.body()).doesNotContainIgnoringCase("expired").doesNotContainIgnoringCase("signature")
            .doesNotContainIgnoringCase("issuer").doesNotContainIgnoringCase("audience")
            .doesNotContainIgnoringCase("exception");
    }

    @Test
    void aTokenIssuedBeforeItsSubjectsSessionsWereRevokedIsRefusedWhileALaterOneIsServed() {
        String subject = "revoked-" + UUID.randomUUID();
        String earlier = ISSUER.token(TestIssuer.ANALYST, claims -> claims.subject(subject)
            .issueTime(Date.from(Instant.now().minusSeconds(2))));
        assertThat(get("/reports", earlier).status()).isEqualTo(200);

        Instant revokedAt = ISSUER.revokeSessionsOf(subject);
        String later = ISSUER.token(TestIssuer.ANALYST, claims -> claims.subject(subject)
            .issueTime(Date.from(revokedAt.plusSeconds(1))));

        await().atMost(Duration.ofSeconds(10))
            .untilAsserted(() -> assertThat(get("/reports", earlier).status()).isEqualTo(401));
        assertThat(get("/reports", earlier).json().path("detail").asString()).isEqualTo("Invalid token.");
        assertThat(get("/reports", later).status()).isEqualTo(200);
        assertThat(get("/reports", ISSUER.token(TestIssuer.ANALYST)).status()).as("another subject").isEqualTo(200);
    }

    @Test
    void aValidTokenOfAnAllowedRoleIsServedAndNamesItsCaller() {
        ServiceHttp.Answer answer = get("/reports", ISSUER.token(TestIssuer.ANALYST));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("caller").asString()).isEqualTo("test-analyst");
    }

    @Test
    void aRoleThatMayNotIsA403Problem() {
        ServiceHttp.Answer answer = post("/things", ISSUER.token(TestIssuer.ANALYST));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().path("title").asString()).isEqualTo("Forbidden");
        assertThat(post("/things", ISSUER.token(TestIssuer.MANAGER)).status()).isEqualTo(200);
    }

    @Test
    void anEndpointNoRuleNamesIsForAdminsOnly() {
        assertThat(get("/undeclared", null).status()).isEqualTo(401);
        assertThat(get("/undeclared", ISSUER.token(TestIssuer.MANAGER)).status()).isEqualTo(403);
        assertThat(get("/undeclared", ISSUER.token(TestIssuer.ANALYST)).status()).isEqualTo(403);
        assertThat(get("/undeclared", ISSUER.publisherToken("7")).status()).isEqualTo(403);
        assertThat(get("/undeclared", ISSUER.token(TestIssuer.ADMIN)).status()).isEqualTo(200);
    }

    @Test
    void aPublisherSeesItsOwnDataAndAnotherPublishersIdIsNotFound() {
        String publisher = ISSUER.publisherToken("7");

        assertThat(get("/publishers/7/earnings", publisher).status()).isEqualTo(200);
        assertThat(get("/publishers/8/earnings", publisher).status()).isEqualTo(404);
        assertThat(get("/publishers/8/earnings", ISSUER.token(TestIssuer.ANALYST)).status()).isEqualTo(200);
        assertThat(get("/reports", publisher).status()).isEqualTo(403);
    }

    @Test
    void aPublisherRoleWithoutAPublisherClaimGrantsNothing() {
        String noPublisher = ISSUER.token(TestIssuer.PUBLISHER);

        assertThat(get("/publishers/7/earnings", noPublisher).status()).isEqualTo(403);
    }

    @Test
    void publicEndpointsDoNotReadTheAuthorizationHeaderAtAll() {
        ServiceHttp.Answer withGarbage = get("/open", "garbage");
        ServiceHttp.Answer withAdmin = get("/open", ISSUER.token(TestIssuer.ADMIN));

        assertThat(withGarbage.status()).isEqualTo(200);
        assertThat(withAdmin.json().path("who").asString()).isEqualTo("anonymous");
    }

    @Test
    void aHotPathIsServedOutsideTheSecurityFiltersWhilePublicEndpointsGetTheirHeaders() {
        ServiceHttp.Answer hot = get("/hot", "garbage");
        ServiceHttp.Answer open = get("/open", null);

        assertThat(hot.status()).isEqualTo(200);
        assertThat(hot.header("X-Content-Type-Options")).isNull();
        assertThat(open.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void publicEndpointsPassOnlyTheFiltersThatWriteHeaders() {
        List<Class<?>> publicFilters = filterTypes("/open");
        List<Class<?>> operatorFilters = filterTypes("/reports");

        assertThat(publicFilters).containsExactly(WebAsyncManagerIntegrationFilter.class, HeaderWriterFilter.class);
        assertThat(operatorFilters).contains(BearerTokenAuthenticationFilter.class, AuthorizationFilter.class);
        assertThat(filterTypes("/.well-known/oauth-protected-resource"))
            .as("the resource metadata is served by a filter of the main chain").isEqualTo(operatorFilters);
    }

    @Test
    void publicRequestsAreTimedButLeftOutOfTheSecurityFilterObservations() {
        long securedBefore = timed("spring.security.http.secured.requests");
        long openBefore = timed("http.server.requests", "uri", "/open");

        get("/open", null);
        await().until(() -> timed("http.server.requests", "uri", "/open") == openBefore + 1);
        assertThat(timed("spring.security.http.secured.requests")).isEqualTo(securedBefore);

        get("/reports", ISSUER.token(TestIssuer.ANALYST));
        await().until(() -> timed("spring.security.http.secured.requests") == securedBefore + 1);
    }

    @Test
    void theFirstMatchingRuleStillDecidesWhenAPublicRuleFollowsARestrictedOne() {
        assertThat(get("/lobby/reserved", null).status()).isEqualTo(401);
        assertThat(get("/lobby/reserved", ISSUER.token(TestIssuer.ANALYST)).status()).isEqualTo(403);
        assertThat(get("/lobby/reserved", ISSUER.token(TestIssuer.ADMIN)).json().path("room").asString())
            .isEqualTo("reserved");
        assertThat(get("/lobby/main", "garbage").json().path("room").asString()).isEqualTo("main");
    }

    @Test
    void theResourceMetadataIsStillServed() {
        ServiceHttp.Answer answer = get("/.well-known/oauth-protected-resource", null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("authorization_servers").get(0).asString()).isEqualTo(ISSUER.url());
    }

    @Test
    void healthShowsItsStatusToAnyoneAndItsDetailsToOperatorsOnly() {
        JsonNode anonymous = get("/actuator/health", null).json();
        JsonNode publisher = get("/actuator/health", ISSUER.publisherToken("7")).json();
        JsonNode analyst = get("/actuator/health", ISSUER.token(TestIssuer.ANALYST)).json();

        assertThat(anonymous.path("status").asString()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        assertThat(publisher.has("components")).isFalse();
        assertThat(analyst.has("components")).isTrue();
        assertThat(get("/actuator/health", ISSUER.expiredToken(TestIssuer.ADMIN)).status())
            .as("a probe with a stale token still gets the status").isEqualTo(200);
    }

    @Test
    void metricsAreForOperators() {
        assertThat(get("/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(get("/actuator/metrics", ISSUER.publisherToken("7")).status()).isEqualTo(403);
        assertThat(get("/actuator/metrics", ISSUER.token(TestIssuer.ANALYST)).status()).isEqualTo(200);
    }

    @Test
    void theApiDocumentIsPublicDeclaresTheBearerSchemeMarksPublicOperationsAndNamesTheRolesOfTheOthers() {
        ServiceHttp.Answer answer = get("/v3/api-docs", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode document = answer.json();
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

    private long timed(String name, String... tags) {
        return meters.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
    }

    private List<Class<?>> filterTypes(String path) {
        return filters.getFilters(path).stream().<Class<?>>map(Object::getClass).toList();
    }

    private ServiceHttp.Answer get(String path, String token) {
        return new ServiceHttp(port, token).get(path);
    }

    private ServiceHttp.Answer post(String path, String token) {
        return new ServiceHttp(port, token).post(path, null);
    }
}
