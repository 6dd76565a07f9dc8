package io.croupier.localstack;

import java.net.URI;
import java.util.stream.Stream;

import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every service answers a request it cannot accept in the one shape the console and integrators read: an RFC 9457
 * problem whose {@code errors} list names each invalid field as the client sent it, whatever the service's JSON
 * naming (snake_case, camelCase, {@code @JsonProperty}) and whatever found the fault (bean validation of a body, a
 * validated parameter, a value of the wrong type). Called through the front door, as an operator.
 */
@ExtendWith(TestPlatform.Shared.class)
class InvalidRequestProblemTest {

    private static ServiceHttp operator;

    @BeforeAll
    static void platform(TestPlatform started) {
        operator = new ServiceHttp(URI.create(started.frontDoor.url()).getPort(), started.admin.token());
    }

    static Stream<Arguments> invalidRequests() {
        return Stream.of(
                arguments("click-service: a body without the casino URL", "POST", "/admin/offers",
                        "{\"name\":\"Nameless\"}", "casino_url", "must not be blank"),
                arguments("analytics-service: a camelCase body without an event type", "POST", "/event",
                        "{\"playerId\":\"p1\"}", "eventType", "must not be blank"),
                arguments("commission-service: a grant without a publisher", "POST", "/earn",
                        "{\"user_id\":\"u1\",\"amount\":5,\"reason\":\"welcome\"}", "publisher_id",
                        "must not be blank"),
                arguments("postback-service: a blank source, named by @JsonProperty", "PUT", "/admin/inbound-auth/1",
                        "{\"allowed_sources\":[\"\"]}", "allowed_sources[0]", "must not be blank"),
                arguments("publisher-forwarder: a publisher without a postback URL", "POST", "/admin/publishers",
                        "{\"username\":\"nameless\"}", "postback_url", "must not be blank"),
                arguments("identity-service: a role that does not exist", "POST", "/admin/accounts",
                        "{\"username\":\"u\",\"password\":\"a long enough password\",\"role\":\"WIZARD\"}", "role",
                        "has the wrong type or format"),
                arguments("attribution-service: a date that is not a date", "GET",
                        "/offers/timeline?from=yesterday&to=2025-01-02T00:00:00Z", null, "from",
                        "has the wrong type or format"),
                arguments("optimizer-service: a validated parameter out of range", "GET", "/admin/weight-sets?limit=0",
                        null, "limit", "must be between 1 and 500"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRequests")
    void anInvalidRequestIsAProblemNamingTheFieldAsSent(String service, String method, String path, String body,
            String field, String message) {
        ServiceHttp.Answer answer = switch (method) {
            case "POST" -> operator.post(path, body);
            case "PUT" -> operator.put(path, body);
            default -> operator.get(path);
        };

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        JsonNode problem = answer.json();
        // RFC 9457 reads an absent type as about:blank, and Spring leaves that default out.
        assertThat(problem.path("type").asString("about:blank")).isEqualTo("about:blank");
        assertThat(problem.path("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("instance").asString()).isEqualTo(URI.create(path).getPath());
        assertThat(problem.path("detail").asString()).contains(field + ": " + message);
        assertThat(answer.fieldError(field).path("message").asString()).isEqualTo(message);
    }
}
