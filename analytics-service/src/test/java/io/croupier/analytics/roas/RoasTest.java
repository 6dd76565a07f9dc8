package io.croupier.analytics.roas;

import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The day's ROAS per campaign and currency on hand-computed data. */
@AnalyticsServiceTest
class RoasTest {

    @LocalServerPort
    int port;

    private ServiceHttp api;

    private Inputs inputs;

    private String run;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
        inputs = new Inputs(api);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void roasIsNetRevenueOverSpendPerCampaignAndCurrencyAndACampaignWithoutSpendSaysSo() {
        inputs.purchases(
                "2025-02-10T09:00:00Z,a1-%1$s,30.00,USD,,A-%1$s".formatted(run),
                "2025-02-10T10:00:00Z,a2-%1$s,20.00,USD,,A-%1$s".formatted(run),
                "2025-02-10T11:00:00Z,a1-%1$s,25.00,BRL,,A-%1$s".formatted(run),
                "2025-02-10T12:00:00Z,b1-%1$s,10.00,USD,,B-%1$s".formatted(run),
                "2025-02-10T13:00:00Z,c1-%1$s,40.00,USD,,C-%1$s".formatted(run),
                "2025-02-10T14:00:00Z,d1-%1$s,5.00,USD,,D-%1$s".formatted(run));
        inputs.costs("2025-02-10,A-%s,100.00,USD".formatted(run), "2025-02-10,B-%s,50.00,USD".formatted(run),
                "2025-02-10,D-%s,0,USD".formatted(run));

        JsonNode report = inputs.report("2025-02-10", "roas_d1").json();

        assertThat(row(report, "A-" + run, "USD").toString()).isEqualTo(row("A-" + run, "USD", 2, "50.00", 0,
                "0.00", "50.00", "100.00", "0.5000", "OK"));
        assertThat(row(report, "A-" + run, "BRL").toString()).isEqualTo(row("A-" + run, "BRL", 1, "25.00", 0,
                "0.00", "25.00", null, null, "NO_SPEND"));
        assertThat(row(report, "B-" + run, "USD").path("roas").asString()).isEqualTo("0.2000");
        assertThat(row(report, "C-" + run, "USD").path("status").asString()).isEqualTo("NO_SPEND");
        assertThat(row(report, "C-" + run, "USD").path("roas").isNull()).isTrue();
        assertThat(row(report, "D-" + run, "USD").path("status").asString()).isEqualTo("ZERO_SPEND");
        assertThat(row(report, "D-" + run, "USD").path("roas").isNull()).isTrue();
        assertThat(total(report, "USD").path("netRevenue").asString()).isEqualTo("105.00");
        assertThat(total(report, "USD").path("spend").asString()).isEqualTo("150.00");
        assertThat(total(report, "USD").path("roas").asString()).isEqualTo("0.7000");
        assertThat(total(report, "BRL").path("roas").isNull()).isTrue();
    }

    @Test
    void aChargebackReducesTheRevenueOfTheDayItIsReportedAndLeavesThePurchasesDayAsItWas() {
        inputs.purchases("2025-02-11T20:00:00Z,p1-%1$s,15.00,USD,CB-%1$s,A-%1$s".formatted(run),
                "2025-02-12T09:00:00Z,p2-%1$s,50.00,USD,,A-%1$s".formatted(run));
        inputs.costs("2025-02-11,A-%s,30.00,USD".formatted(run), "2025-02-12,A-%s,100.00,USD".formatted(run));
        inputs.confirmations("2025-02-11T20:01:00Z,p1-%1$s,15.00,USD,CB-%1$s,confirmed".formatted(run),
                "2025-02-12T08:00:00Z,p1-%1$s,15.00,USD,CB-%1$s,chargeback".formatted(run));

        JsonNode purchaseDay = inputs.report("2025-02-11", "roas_d1").json();
        JsonNode chargebackDay = inputs.report("2025-02-12", "roas_d1").json();

        assertThat(row(purchaseDay, "A-" + run, "USD").toString()).isEqualTo(row("A-" + run, "USD", 1, "15.00", 0,
                "0.00", "15.00", "30.00", "0.5000", "OK"));
        assertThat(row(chargebackDay, "A-" + run, "USD").toString()).isEqualTo(row("A-" + run, "USD", 1, "50.00",
                1, "15.00", "35.00", "100.00", "0.3500", "OK"));
    }

    @Test
    void aChargebackWithoutAPurchaseOfItsOwnCountsUnderItsPlayersCampaign() {
        inputs.purchases("2025-02-13T09:00:00Z,p1-%1$s,40.00,EUR,,A-%1$s".formatted(run));
        inputs.costs("2025-02-14,A-%s,10.00,EUR".formatted(run));
        inputs.confirmations("2025-02-14T09:00:00Z,p1-%1$s,12.50,EUR,UNKNOWN-%1$s,chargeback".formatted(run));

        JsonNode report = inputs.report("2025-02-14", "roas_d1").json();

        assertThat(row(report, "A-" + run, "EUR").toString()).isEqualTo(row("A-" + run, "EUR", 0, "0.00", 1,
                "12.50", "-12.50", "10.00", "-1.2500", "OK"));
    }

    static JsonNode row(JsonNode report, String campaign, String currency) {
        for (JsonNode row : report.path("campaigns")) {
            if (row.path("campaign").asString().equals(campaign) && row.path("currency").asString().equals(currency)) {
                return row;
            }
        }
        throw new AssertionError("no " + campaign + " " + currency + " in " + report);
    }

    private static String row(String campaign, String currency, long purchases, String gross, long chargebacks,
            String chargebackAmount, String net, String spend, String roas, String status) {
        return "{\"campaign\":\"%s\",\"currency\":\"%s\",\"purchases\":%d,\"grossRevenue\":\"%s\",\"chargebacks\":%d,"
            .formatted(campaign, currency, purchases, gross, chargebacks)
                + "\"chargebackAmount\":\"%s\",\"netRevenue\":\"%s\",\"spend\":%s,\"roas\":%s,\"status\":\"%s\"}"
                    .formatted(chargebackAmount, net, quoted(spend), quoted(roas), status);
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static JsonNode total(JsonNode report, String currency) {
        for (JsonNode total : report.path("totals")) {
            if (total.path("currency").asString().equals(currency)) {
                return total;
            }
        }
        throw new AssertionError("no " + currency + " total in " + report);
    }
}
