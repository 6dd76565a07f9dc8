package io.croupier.click;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ClickServiceTest
class ServiceDocsTest {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesTheClickAndTheAdminApiAndHealthIsUp() {
        Http http = new Http(port);

        Http.Answer openApi = http.get("/openapi.json");
        Http.Answer health = http.get("/health");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").propertyNames()).contains("/click", "/admin/offers",
                "/admin/offers/{offer_id}");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }
}
