package io.croupier.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static io.croupier.localstack.TestPlatform.JSON;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002's {@code /earn} and {@code /balance} answer on the front door, from commission-service's points. */
@ExtendWith(TestPlatform.Shared.class)
class EarnAndBalanceEndToEndTest {

    private static TestPlatform platform;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void anOperatorsGrantThroughTheFrontDoorIsTheBalanceReadThroughIt() throws Exception {
        String publisher = platform.publisherNamed("joao123").path("id").asString();
        String user = "player-" + UUID.randomUUID();

        HttpResponse<String> earned = send(HttpRequest.newBuilder(URI.create(platform.edgeUrl() + "/earn"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("""
                    {"publisher_id":"%s","user_id":"%s","amount":500,"reason":"daily_login"}"""
                .formatted(publisher, user))));
        HttpResponse<String> balance = send(HttpRequest.newBuilder(URI.create(platform.edgeUrl()
                + "/balance?publisher_id=" + publisher + "&user_id=" + user)).GET());

        assertThat(earned.statusCode()).as(earned.body()).isEqualTo(200);
        assertThat(JSON.readTree(earned.body()).path("balance").decimalValue()).isEqualByComparingTo("500");
        assertThat(balance.statusCode()).as(balance.body()).isEqualTo(200);
        JsonNode read = JSON.readTree(balance.body());
        assertThat(read.path("balance").decimalValue()).isEqualByComparingTo("500");
        assertThat(platform.points(platform.publisherNamed("joao123"), user)).isEqualTo("500");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.header("Authorization", "Bearer " + platform.admin.token()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
