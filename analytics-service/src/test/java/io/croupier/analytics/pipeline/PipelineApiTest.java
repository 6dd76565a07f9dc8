package io.croupier.analytics.pipeline;

import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /run-pipeline}, the record of runs, and every output both as JSON and as the seed's file, for any day.
 */
@AnalyticsServiceTest
class PipelineApiTest {

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
    void aDayWithoutARunHasNoReportsYetAndSaysHowToGetThem() {
        ServiceHttp.Answer missing = api.get("/reports/roas_d1?day=2019-05-01");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asString()).contains("POST /run-pipeline?day=2019-05-01");
        assertThat(api.get("/reports/purchases_curated.csv?day=2019-05-01").status()).isEqualTo(404);
    }

    @Test
    void aRunAnswersWithItsHeadlineFiguresAndEveryOutputIsAJsonApiAndTheSeedsFile() {
        inputs.purchases("2025-05-02T10:00:00Z,p1-%1$s,10.00,USD,T1-%1$s,C-%1$s".formatted(run),
                "2025-05-02T11:00:00Z,p2-%1$s,5.50,USD,T2-%1$s,C-%1$s".formatted(run),
                "2025-05-02T12:00:00Z,\"p3, %1$s\",7.25,EUR,,C-%1$s".formatted(run));
        inputs.confirmations("2025-05-02T10:01:00Z,p1-%1$s,10.00,USD,T1-%1$s,".formatted(run));
        inputs.costs("2025-05-02,C-%s,31.00,USD".formatted(run));
        inputs.sessions("2025-05-02T09:00:00Z,p1-%s,".formatted(run));

        ServiceHttp.Answer answer = api.post("/run-pipeline?day=2025-05-02", null);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode completed = answer.json();
        assertThat(completed.path("status").asString()).isEqualTo("completed");
        JsonNode figures = completed.path("runs").get(0).path("figures");
        assertThat(completed.path("runs").get(0).path("trigger").asString()).isEqualTo("ON_DEMAND");
        assertThat(figures.path("purchasesCurated").path("purchases").asLong()).isEqualTo(3);
        assertThat(figures.path("reconciliation").path("purchasesMatchedByTransactionId").asLong()).isEqualTo(1);
        assertThat(figures.path("reconciliation").path("unmatchedPurchases").asLong()).isEqualTo(2);
        assertThat(figures.path("roasD1").path("campaigns").asLong()).isEqualTo(1);
        assertThat(figures.path("arpdauD1").path("activePlayers").asLong()).isEqualTo(1);
        assertThat(figures.path("timingsMillis").propertyNames()).containsExactly("purchasesCurated",
                "reconciliation", "roasD1", "roasAnomaly", "arpdauD1");

        ServiceHttp.Answer csv = api.get("/reports/purchases_curated.csv?day=2025-05-02");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.header("Content-Disposition")).isEqualTo("attachment; filename=\"purchases_curated.csv\"");
        assertThat(csv.body()).isEqualTo("""
                event_time,source,transaction_id,player_id,amount,currency,campaign,media_source,purchase_key\r
                2025-05-02T10:00:00Z,provider,T1-%1$s,p1-%1$s,10.00,USD,C-%1$s,,"[""T1-%1$s""]"\r
                2025-05-02T11:00:00Z,provider,T2-%1$s,p2-%1$s,5.50,USD,C-%1$s,,"[""T2-%1$s""]"\r
                2025-05-02T12:00:00Z,provider,,"p3, %1$s",7.25,EUR,C-%1$s,,\
                "[""p3, %1$s"",""2025-05-02T12:00:00Z"",""7.25"",""EUR""]"\r
                """.formatted(run));

        JsonNode page = api.get("/reports/purchases_curated?day=2025-05-02&limit=2").json();
        assertThat(page.path("purchases")).hasSize(2);
        JsonNode rest = api.get("/reports/purchases_curated?day=2025-05-02&limit=2&after=" + page.path("next")
            .asString()).json();
        assertThat(rest.path("purchases")).hasSize(1);
        assertThat(rest.path("purchases").get(0).path("currency").asString()).isEqualTo("EUR");
        assertThat(rest.has("next")).isTrue();
        assertThat(rest.path("next").isNull()).isTrue();

        for (String output : new String[] { "reconciliation", "roas_d1", "roas_anomaly", "arpdau_d1" }) {
            ServiceHttp.Answer json = api.get("/reports/" + output + "?day=2025-05-02");
            ServiceHttp.Answer file = api.get("/reports/" + output + ".json?day=2025-05-02");
            assertThat(json.status()).as(output).isEqualTo(200);
            assertThat(file.body()).as(output).isEqualTo(json.body());
            assertThat(file.header("Content-Disposition")).as(output)
                .isEqualTo("attachment; filename=\"" + output + ".json\"");
            assertThat(json.json().path("day").asString()).isEqualTo("2025-05-02");
            assertThat(json.json().path("runId").asLong()).isEqualTo(completed.path("runs").get(0).path("runId")
                .asLong());
        }
    }

    @Test
    void aRangeRunsEveryDayOldestFirstAndEachRunOfADayReplacesItsOutputs() {
        inputs.purchases("2025-05-05T10:00:00Z,p-%1$s,10.00,USD,,R-%1$s".formatted(run));
        JsonNode range = api.post("/run-pipeline?from=2025-05-04&to=2025-05-06", null).json();
        inputs.purchases("2025-05-05T11:00:00Z,p-%1$s,4.00,USD,,R-%1$s".formatted(run));
        api.post("/run-pipeline?day=2025-05-05", null);

        assertThat(range.path("runs")).extracting(r -> r.path("day").asString())
            .containsExactly("2025-05-04", "2025-05-05", "2025-05-06");
        JsonNode roas = api.get("/reports/roas_d1?day=2025-05-05").json();
        assertThat(roas.path("campaigns")).hasSize(1);
        assertThat(roas.path("campaigns").get(0).path("grossRevenue").asString()).isEqualTo("14.00");
        JsonNode runs = api.get("/pipeline/runs?day=2025-05-05").json().path("items");
        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).path("runId").asLong()).isEqualTo(roas.path("runId").asLong());
        JsonNode inputsOfDay = api.get("/inputs?day=2025-05-05").json();
        assertThat(inputsOfDay.path("providerPurchases").asLong()).isEqualTo(2);
    }

    @Test
    void aBadRequestIsAProblemAndRunsNothing() {
        assertThat(api.post("/run-pipeline?from=2025-05-09&to=2025-05-08", null).status()).isEqualTo(400);
        assertThat(api.post("/run-pipeline?day=2025-05-08&from=2025-05-07", null).status()).isEqualTo(400);
        assertThat(api.post("/run-pipeline?from=2024-01-01&to=2025-05-08", null).fieldError("from").path("message").asString())
            .contains("at most 92 days");
        assertThat(api.post("/run-pipeline?day=yesterday", null).status()).isEqualTo(400);
        assertThat(api.get("/pipeline/runs?day=2025-05-08").json().path("items")).isEmpty();
    }
}
