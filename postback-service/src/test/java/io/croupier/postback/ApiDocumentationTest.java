package io.croupier.postback;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocumentationTest extends PostbackServiceTest {

    @Test
    void theOpenApiDocumentListsEverySeedEndpointWithItsQueryParameters() {
        Answer answer = get("/openapi.json");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("paths").propertyNames()).contains("/webhooks/gaming/registration",
                "/webhooks/gaming/deposit", "/postback", "/api/postback/{house}/{event}", "/postback/{key}",
                "/api/analytics/postback/test");
        assertThat(answer.text()).contains("\"subid\"", "\"click_id\"");
    }
}
