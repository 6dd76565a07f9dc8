package io.croupier.analytics.roas;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ROAS anomalies against each campaign's own baseline, on hand-computed data: seven days of ROAS 1.0, 1.1, 0.9,
 * 1.0, 1.2, 0.8, 1.0 (median 1.0, MAD 0.1, so one robust standard deviation is 0.14826), then a day to judge.
 */
@AnalyticsServiceTest
class RoasAnomalyTest {

    private static final LocalDate FIRST = LocalDate.parse("2025-03-01");

    private static final String[] BASELINE_REVENUE = { "200.00", "220.00", "180.00", "200.00", "240.00", "160.00",
            "200.00" };

    @LocalServerPort
    int port;

    @Test
    void aRoasFarFromItsOwnBaselineIsFlaggedWithTheBaselineAndTheReasonAndOneWithinItOrBelowMinimumSpendIsNot() {
        ServiceHttp api = new ServiceHttp(port, ServiceHttp.manager());
        Inputs inputs = new Inputs(api);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String dropping = "drop-" + run;
        String wobbling = "wobble-" + run;
        String small = "small-" + run;
        String fresh = "fresh-" + run;
        String flat = "flat-" + run;
        List<String> purchases = new ArrayList<>();
        List<String> costs = new ArrayList<>();
        for (int i = 0; i < BASELINE_REVENUE.length; i++) {
            LocalDate day = FIRST.plusDays(i);
            for (String campaign : List.of(dropping, wobbling, small)) {
                purchases.add(purchase(day, campaign, BASELINE_REVENUE[i]));
                costs.add(day + "," + campaign + ",200.00,USD");
            }
            purchases.add(purchase(day, flat, "200.00"));
            costs.add(day + "," + flat + ",200.00,USD");
        }
        LocalDate judged = FIRST.plusDays(BASELINE_REVENUE.length);
        for (int i = 1; i <= 3; i++) {
            purchases.add(purchase(judged.minusDays(i), fresh, "200.00"));
            costs.add(judged.minusDays(i) + "," + fresh + ",200.00,USD");
        }
        purchases.add(purchase(judged, dropping, "80.00"));
        costs.add(judged + "," + dropping + ",200.00,USD");
        purchases.add(purchase(judged, wobbling, "170.00"));
        costs.add(judged + "," + wobbling + ",200.00,USD");
        purchases.add(purchase(judged, small, "5.00"));
        costs.add(judged + "," + small + ",50.00,USD");
        purchases.add(purchase(judged, fresh, "20.00"));
        costs.add(judged + "," + fresh + ",200.00,USD");
        purchases.add(purchase(judged, flat, "210.00"));
        costs.add(judged + "," + flat + ",200.00,USD");
        inputs.purchases(purchases.toArray(String[]::new));
        inputs.costs(costs.toArray(String[]::new));

        assertThat(api.post("/run-pipeline?from=" + FIRST + "&to=" + judged, null).status()).isEqualTo(200);
        JsonNode report = api.get("/reports/roas_anomaly?day=" + judged).json();

        assertThat(report.path("anomalies")).hasSize(1);
        JsonNode anomaly = report.path("anomalies").get(0);
        assertThat(anomaly.path("campaign").asString()).isEqualTo(dropping);
        assertThat(anomaly.path("roas").asString()).isEqualTo("0.4000");
        assertThat(anomaly.path("direction").asString()).isEqualTo("DROP");
        assertThat(anomaly.path("baseline").path("median").asString()).isEqualTo("1.0000");
        assertThat(anomaly.path("baseline").path("mad").asString()).isEqualTo("0.1000");
        assertThat(anomaly.path("baseline").path("days").asInt()).isEqualTo(7);
        assertThat(anomaly.path("robustZ").asString()).isEqualTo("-4.0469");
        assertThat(anomaly.path("reason").asString()).isEqualTo(
                "ROAS 0.4000 is 4.05 robust standard deviations below its 7-day median 1.0000 (MAD 0.1000)");
        assertThat(report.path("evaluated").asLong()).isEqualTo(3);
        assertThat(report.path("belowMinSpend").asLong()).isEqualTo(1);
        assertThat(report.path("shortHistory").asLong()).isEqualTo(1);
        assertThat(report.path("rule").path("threshold").asString()).isEqualTo("3.5");
        assertThat(report.path("rule").path("baselineDays").asInt()).isEqualTo(14);
    }

    @Test
    void aBaselineThatNeverVariedFlagsAnyDepartureOfAtLeastTheMinimumChange() {
        ServiceHttp api = new ServiceHttp(port, ServiceHttp.manager());
        Inputs inputs = new Inputs(api);
        String campaign = "steady-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDate first = LocalDate.parse("2025-03-20");
        List<String> purchases = new ArrayList<>();
        List<String> costs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            purchases.add(purchase(first.plusDays(i), campaign, i < 7 ? "150.00" : "75.00"));
            costs.add(first.plusDays(i) + "," + campaign + ",100.00,USD");
        }
        inputs.purchases(purchases.toArray(String[]::new));
        inputs.costs(costs.toArray(String[]::new));

        assertThat(api.post("/run-pipeline?from=" + first + "&to=" + first.plusDays(7), null).status()).isEqualTo(200);
        JsonNode anomaly = api.get("/reports/roas_anomaly?day=" + first.plusDays(7)).json().path("anomalies").get(0);

        assertThat(anomaly.path("robustZ").isNull()).isTrue();
        assertThat(anomaly.path("reason").asString())
            .isEqualTo("ROAS 0.7500 is below its 7-day median 1.5000, which never varied (MAD 0)");
    }

    private static String purchase(LocalDate day, String campaign, String amount) {
        return day + "T12:00:00Z," + campaign + "-player," + amount + ",USD,," + campaign;
    }
}
