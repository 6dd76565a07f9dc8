package io.croupier.click;

import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@ClickServiceTest
class ServiceDocsTest {

    @LocalServerPort
    int port;

    @Test
    void theOpenApiDocumentDescribesTheClickAndTheAdminApiAndHealthIsUp() {
        ServiceHttp http = new ServiceHttp(port);

        ServiceHttp.Answer openApi = http.get("/openapi.json");
        ServiceHttp.Answer health = http.get("/health");

        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").propertyNames()).contains("/click", "/admin/offers",
                "/admin/offers/{offer_id}");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("UP");
    }
}
