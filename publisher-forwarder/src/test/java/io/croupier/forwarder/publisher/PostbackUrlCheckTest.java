package io.croupier.forwarder.publisher;

import io.croupier.forwarder.ForwarderIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /admin/publishers/postback-url-check}: the save's own verdict on a template, before saving. */
class PostbackUrlCheckTest extends ForwarderIntegrationTest {

    @Test
    void aTemplateSavingWouldAcceptIsValid() {
        JsonNode check = check("https://pub.example/pb?c={click_id}&p={payout}&cur={currency}");

        assertThat(check.path("valid").asBoolean()).isTrue();
        assertThat(check.path("problem").isNull()).isTrue();
    }

    @Test
    void aTemplateSavingWouldRefuseNamesTheSameProblemTheSaveWould() {
        String template = "https://pub.example/pb?c={click_idd}&p={payout";

        JsonNode check = check(template);

        assertThat(check.path("valid").asBoolean()).isFalse();
        String refusal = http.post().uri("/admin/publishers").contentType(MediaType.APPLICATION_JSON)
            .body("""
                    {"name":"Typo","username":"typo-check","postback_url":"%s",
                     "payout_terms":{"revshare_percent":80}}""".formatted(template))
            .exchange((request, response) -> response.bodyTo(JsonNode.class))
            .path("detail")
            .asString();
        assertThat(check.path("problem").asString()).isEqualTo(refusal).contains("unclosed macro");
    }

    private JsonNode check(String template) {
        return http.post()
            .uri("/admin/publishers/postback-url-check")
            .contentType(MediaType.APPLICATION_JSON)
            .body("{\"postback_url\":\"" + template + "\"}")
            .retrieve()
            .body(JsonNode.class);
    }
}
