package io.croupier.analytics.imports;

import java.util.List;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AdSpendRecorded;
import io.croupier.events.AuditRecorded;
import io.croupier.events.Money;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /ad-spend} at the owner of ad spend: each call replaces the day's spend it recorded, is audited with
 * what it replaced, and adds to the {@code costs_daily} rows of other media sources; every change sends the day's
 * total to commission-service's replica, and ROAS divides by that same total.
 */
@AnalyticsServiceTest
class AdSpendApiTest {

    private static final String DAY = "2004-04-04";

    @LocalServerPort
    int port;

    private ServiceHttp api;

    private String campaign;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
        campaign = "spend-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void postedSpendReplacesItselfIsAuditedAndTheDaysTotalIsAnnouncedAndDividedBy() {
        ServiceHttp.Answer first = record("100.00");
        ServiceHttp.Answer second = record("250.00");
        ServiceHttp.Answer file = api.post("/imports/costs_daily", "text/csv",
                "date,media_source,campaign,spend,currency\n" + DAY + ",facebook," + campaign + ",50.00,USD\n");

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(file.json().path("inserted").asLong()).as(file.body()).isEqualTo(1);
        assertThat(second.json().path("amount").decimalValue()).isEqualByComparingTo("250.00");
        JsonNode listed = api.get("/ad-spend?campaign=" + campaign).json().path("items");
        assertThat(listed.size()).isEqualTo(1);
        assertThat(listed.get(0).path("amount").decimalValue()).as("this API's row and the file's, one day")
            .isEqualByComparingTo("300.00");
        List<AdSpendRecorded> announced = TopicRecords.of(Topics.AD_SPEND)
            .awaitValues(spend -> spend.getCampaign().equals(campaign), 3);
        assertThat(announced).extracting(AdSpendRecorded::getAmount).containsExactly(new Money("100.00", "USD"),
                new Money("250.00", "USD"), new Money("300.00", "USD"));
        List<AuditRecorded> changes = TopicRecords.of(Topics.AUDIT)
            .awaitValues(record -> record.getObjectId().equals(campaign + "/" + DAY + "/USD"), 2);
        assertThat(changes).extracting(AuditRecorded::getAction).containsExactly("create", "update");
        assertThat(changes.get(1).getBefore()).contains("100.00");
        assertThat(changes.get(1).getAfter()).contains("250.00");
        assertThat(changes.get(1).getChangedFields()).containsExactly("amount");
        JsonNode roas = new Inputs(api).report(DAY, "roas_d1").json();
        JsonNode row = null;
        for (JsonNode candidate : roas.path("campaigns")) {
            if (campaign.equals(candidate.path("campaign").asString())) {
                row = candidate;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("spend").asString()).isEqualTo("300.00");
    }

    @Test
    void badSpendIsAProblemAndRecordsNothing() {
        assertThat(api.post("/ad-spend", """
                {"campaign": "", "day": "2026-01-01", "amount": "-1", "currency": "usd"}""").status()).isEqualTo(400);
        assertThat(api.post("/ad-spend", "{not json").status()).isEqualTo(400);
        ServiceHttp.Answer unknownCurrency = api.post("/ad-spend", """
                {"campaign": "%s", "day": "2026-01-01", "amount": "1", "currency": "XYZ"}""".formatted(campaign));
        assertThat(unknownCurrency.status()).as(unknownCurrency.body()).isEqualTo(400);
        assertThat(unknownCurrency.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/ad-spend?campaign=" + campaign).json().path("items").size()).isZero();
    }

    private ServiceHttp.Answer record(String amount) {
        return api.post("/ad-spend", """
                {"campaign":"%s","day":"%s","amount":"%s","currency":"USD"}""".formatted(campaign, DAY, amount));
    }
}
