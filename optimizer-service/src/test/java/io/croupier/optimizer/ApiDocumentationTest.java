package io.croupier.optimizer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001 serves its docs and health where these paths point. */
class ApiDocumentationTest extends OptimizerIntegrationTest {

    @Test
    void theOpenApiDocumentDescribesTheAdminEndpoints() {
        String document = http.get().uri("/openapi.json").retrieve().body(String.class);

        assertThat(document).contains("/admin/stats", "/admin/update-weights", "/admin/weight-sets/{weightSetId}",
                "total_clicks");
    }

    @Test
    void healthIsUp() {
        assertThat(http.get().uri("/health").retrieve().body(String.class)).contains("\"UP\"");
    }
}
