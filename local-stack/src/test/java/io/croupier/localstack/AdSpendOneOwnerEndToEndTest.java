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
import static io.croupier.localstack.TestPlatform.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ad spend has one owner, analytics-service: {@code POST /ad-spend} keeps working for its callers through the front
 * door, a {@code costs_daily} import adds to it, and commission-service's campaign report divides by the same total.
 */
@ExtendWith(TestPlatform.Shared.class)
class AdSpendOneOwnerEndToEndTest {

    private static final String DAY = "2005-05-05";

    private static TestPlatform platform;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void platform(TestPlatform shared) {
        platform = shared;
    }

    @Test
    void spendPostedOrImportedAtTheOwnerIsTheSpendBothReportsDivideBy() throws Exception {
        String campaign = "one-owner-" + UUID.randomUUID().toString().substring(0, 8);

        HttpResponse<String> posted = post("/ad-spend", "application/json", """
                {"campaign":"%s","day":"%s","amount":"120.00","currency":"USD"}""".formatted(campaign, DAY));
        HttpResponse<String> imported = post("/imports/costs_daily", "text/csv",
                "date,media_source,campaign,spend,currency\n" + DAY + ",search," + campaign + ",30.00,USD\n");

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode owner = JSON.readTree(platform.read(platform.edgeUrl() + "/ad-spend?campaign=" + campaign).body())
            .path("items");
        assertThat(owner.get(0).path("amount").decimalValue()).isEqualByComparingTo("150.00");
        String report = platform.url(PlatformService.COMMISSION) + "/reports/campaigns?from=" + DAY + "&to=" + DAY;
        JsonNode replica = await().atMost(PATIENCE).until(() -> row(JSON.readTree(platform.read(report).body()),
                campaign), row -> row != null && "150.00".equals(row.path("ad_spend").path("amount").asString()));
        assertThat(replica.path("ad_spend").path("currency").asString()).isEqualTo("USD");
    }

    private static JsonNode row(JsonNode rows, String campaign) {
        for (JsonNode row : rows) {
            if (campaign.equals(row.path("campaign").asString())) {
                return row;
            }
        }
        return null;
    }

    private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(platform.edgeUrl() + path))
            .header("Authorization", "Bearer " + platform.admin.token())
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }
}
