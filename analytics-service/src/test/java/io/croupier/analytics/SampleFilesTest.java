package io.croupier.analytics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample files in {@code samples/} (README, Try it) uploaded as the README shows, and the figures the README
 * quotes for them, worked out by hand there.
 */
@AnalyticsServiceTest
class SampleFilesTest {

    @LocalServerPort
    int port;

    @Test
    void theSampleDayReconcilesAndReportsAsTheReadmeSays() throws IOException {
        ServiceHttp api = new ServiceHttp(port, ServiceHttp.manager());
        JsonNode purchases = upload(api, "purchases_raw.csv");
        upload(api, "confirmed_purchases.csv");
        upload(api, "costs_daily.csv");
        upload(api, "sessions.csv");

        assertThat(purchases.path("inserted").asLong()).isEqualTo(6);
        assertThat(purchases.path("unchanged").asLong()).isEqualTo(1);
        assertThat(purchases.path("rejected").asLong()).isEqualTo(1);
        assertThat(api.post("/run-pipeline?from=2025-10-23&to=2025-10-24", null).status()).isEqualTo(200);

        JsonNode reconciliation = api.get("/reports/reconciliation?day=2025-10-24").json();
        JsonNode usd = reconciliation.path("totals").get(0);
        assertThat(usd.path("purchases").asLong()).isEqualTo(5);
        assertThat(usd.path("purchaseAmount").asString()).isEqualTo("184.95");
        assertThat(usd.path("purchasesMatchedByTransactionId").asLong()).isEqualTo(3);
        assertThat(usd.path("purchasesMatchedByPlayerAndAmount").asLong()).isEqualTo(1);
        assertThat(usd.path("unmatchedPurchaseAmount").asString()).isEqualTo("99.99");
        assertThat(usd.path("confirmationAmount").asString()).isEqualTo("101.95");
        assertThat(usd.path("unmatchedConfirmationAmount").asString()).isEqualTo("14.99");
        assertThat(reconciliation.path("amountMismatches").get(0).path("difference").asString()).isEqualTo("2.00");

        JsonNode roas = api.get("/reports/roas_d1?day=2025-10-24").json();
        assertThat(roas.path("campaigns").get(0).path("campaign").asString()).isEqualTo("autumn_fb");
        assertThat(roas.path("campaigns").get(0).path("netRevenue").asString()).isEqualTo("19.98");
        assertThat(roas.path("campaigns").get(0).path("roas").asString()).isEqualTo("0.3996");
        assertThat(roas.path("campaigns").get(1).path("roas").asString()).isEqualTo("2.1992");
        assertThat(roas.path("campaigns").get(2).path("status").asString()).isEqualTo("NO_SPEND");
        assertThat(roas.path("totals").get(0).path("roas").asString()).isEqualTo("2.3327");
        assertThat(api.get("/reports/roas_d1?day=2025-10-23").json().path("campaigns").get(0).path("roas")
            .asString()).isEqualTo("0.2500");

        JsonNode arpdau = api.get("/reports/arpdau_d1?day=2025-10-24").json();
        assertThat(arpdau.path("activePlayers").asLong()).isEqualTo(6);
        assertThat(arpdau.path("campaigns").get(1).path("revenue").get(0).path("arpdau").asString())
            .isEqualTo("18.3267");
        assertThat(arpdau.path("totals").get(0).path("arpdau").asString()).isEqualTo("29.1583");
    }

    private static JsonNode upload(ServiceHttp api, String file) throws IOException {
        String name = file.substring(0, file.indexOf('.'));
        ServiceHttp.Answer response = api.upload("/imports/" + name, file, "text/csv",
                Files.readString(Path.of("samples", file)));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
