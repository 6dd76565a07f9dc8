package io.croupier.analytics.imports;

import java.math.BigDecimal;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bulk imports of the four input files: bad rows never take good ones with them, identical re-imports add nothing,
 * and a changed row for a stored natural key is reported, never silently doubled.
 */
@AnalyticsServiceTest
class ImportsTest {

    private static final String PURCHASES_HEADER =
            "event_time,event_name,event_revenue,event_revenue_currency,customer_user_id,transaction_id,media_source,"
                    + "campaign\n";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private ServiceHttp api;

    private String run;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aBadRowNeverDropsTheGoodOnesAndIsReportedWithAllItsErrors() {
        String csv = PURCHASES_HEADER
                + "2024-06-01T10:00:00Z,af_purchase,19.99,USD,p1-%1$s,T1-%1$s,facebook,summer\n"
                + "2024-06-01 10:05:00,af_purchase,abc,XYZ,p2-%1$s,T2-%1$s,facebook,summer\n"
                + "2024-06-01T10:10:00+02:00,af_purchase,5,eur,p3-%1$s,,google,\n"
                + "2024-06-01T10:15:00Z,af_purchase,7.50,USD\n";

        JsonNode report = purchases(csv.formatted(run), "").json();

        assertThat(report.path("rows").asLong()).isEqualTo(4);
        assertThat(report.path("inserted").asLong()).isEqualTo(2);
        assertThat(report.path("rejected").asLong()).isEqualTo(2);
        assertThat(report.path("problems")).hasSize(2);
        JsonNode badValues = report.path("problems").get(0);
        assertThat(badValues.path("row").asLong()).isEqualTo(2);
        assertThat(badValues.path("status").asString()).isEqualTo("rejected");
        assertThat(badValues.path("errors").path("event_revenue").asString()).contains("'abc'");
        assertThat(badValues.path("errors").path("event_revenue_currency").asString()).contains("'XYZ'");
        JsonNode shortRow = report.path("problems").get(1);
        assertThat(shortRow.path("row").asLong()).isEqualTo(4);
        assertThat(shortRow.path("errors").path("row").asString()).isEqualTo("has 4 fields, the header has 8");
        assertThat(shortRow.path("errors").path("customer_user_id").asString()).isEqualTo("is required");

        assertThat(amountOf("T1-" + run)).isEqualByComparingTo("19.99");
        var withoutTransaction = jdbc.sql("""
                select amount, currency, occurred_at::text as at, campaign from provider_purchases
                where player_id = :player""").param("player", "p3-" + run).query().singleRow();
        assertThat(withoutTransaction.get("currency")).isEqualTo("EUR");
        assertThat(withoutTransaction.get("at")).isEqualTo("2024-06-01 08:10:00+00");
        assertThat(withoutTransaction.get("campaign")).isNull();
    }

    @Test
    void anIdenticalReImportAddsNothing() {
        String csv = (PURCHASES_HEADER + "2024-06-02T10:00:00Z,af_purchase,10.00,USD,p1-%1$s,T1-%1$s,fb,c\n"
                + "2024-06-02T11:00:00Z,af_purchase,20,USD,p2-%1$s,,fb,c\n").formatted(run);

        JsonNode first = purchases(csv, "").json();
        JsonNode again = purchases(csv.replace("20,USD", "20.00,USD"), "").json();

        assertThat(first.path("inserted").asLong()).isEqualTo(2);
        assertThat(again.path("inserted").asLong()).isZero();
        assertThat(again.path("unchanged").asLong()).isEqualTo(2);
        assertThat(again.path("conflicts").asLong()).isZero();
        assertThat(again.path("problems")).isEmpty();
        assertThat(purchasesOf("p1-" + run) + purchasesOf("p2-" + run)).isEqualTo(2);
    }

    @Test
    void aChangedRowForAStoredKeyIsAConflictThatKeepsTheStoredRow() {
        purchases((PURCHASES_HEADER + "2024-06-03T10:00:00Z,af_purchase,10.00,USD,p1-%1$s,T1-%1$s,fb,c\n")
            .formatted(run), "");

        JsonNode report = purchases((PURCHASES_HEADER
                + "2024-06-03T10:00:00Z,af_purchase,12.00,USD,p1-%1$s,T1-%1$s,fb,c\n").formatted(run), "").json();

        assertThat(report.path("conflicts").asLong()).isEqualTo(1);
        assertThat(report.path("inserted").asLong()).isZero();
        JsonNode conflict = report.path("problems").get(0);
        assertThat(conflict.path("status").asString()).isEqualTo("conflict");
        assertThat(conflict.path("key").get(0).asString()).isEqualTo("T1-" + run);
        assertThat(conflict.path("changes").propertyNames()).containsExactly("amount");
        assertThat(conflict.path("changes").path("amount").path("stored").decimalValue()).isEqualByComparingTo("10");
        assertThat(conflict.path("changes").path("amount").path("imported").decimalValue())
            .isEqualByComparingTo("12");
        assertThat(amountOf("T1-" + run)).isEqualByComparingTo("10.00");
    }

    @Test
    void replaceModeReplacesTheStoredRowAndReportsWhatItWas() {
        purchases((PURCHASES_HEADER + "2024-06-04T10:00:00Z,af_purchase,10.00,USD,p1-%1$s,T1-%1$s,fb,c\n")
            .formatted(run), "");

        JsonNode report = purchases((PURCHASES_HEADER
                + "2024-06-04T10:00:00Z,af_purchase,12.00,USD,p1-%1$s,T1-%1$s,fb,spring\n").formatted(run),
                "?onConflict=replace").json();

        assertThat(report.path("replaced").asLong()).isEqualTo(1);
        assertThat(report.path("conflicts").asLong()).isZero();
        assertThat(report.path("onConflict").asString()).isEqualTo("replace");
        JsonNode replaced = report.path("problems").get(0);
        assertThat(replaced.path("status").asString()).isEqualTo("replaced");
        assertThat(replaced.path("changes").propertyNames()).containsExactlyInAnyOrder("amount", "campaign");
        assertThat(replaced.path("changes").path("campaign").path("stored").asString()).isEqualTo("c");
        assertThat(amountOf("T1-" + run)).isEqualByComparingTo("12.00");
        assertThat(jdbc.sql("select campaign from player_campaigns where player_id = ?").param("p1-" + run)
            .query(String.class).single()).isEqualTo("spring");
    }

    @Test
    void repeatsWithinOneFileAreStoredOnceAndADifferingRepeatIsAConflict() {
        String csv = (PURCHASES_HEADER + "2024-06-05T10:00:00Z,af_purchase,10.00,USD,p1-%1$s,T1-%1$s,fb,c\n"
                + "2024-06-05T10:00:00Z,af_purchase,10.00,USD,p1-%1$s,T1-%1$s,fb,c\n"
                + "2024-06-05T10:00:00Z,af_purchase,11.00,USD,p1-%1$s,T1-%1$s,fb,c\n").formatted(run);

        JsonNode report = purchases(csv, "").json();

        assertThat(report.path("inserted").asLong()).isEqualTo(1);
        assertThat(report.path("unchanged").asLong()).isEqualTo(1);
        assertThat(report.path("conflicts").asLong()).isEqualTo(1);
        assertThat(report.path("problems").get(0).path("row").asLong()).isEqualTo(3);
        assertThat(amountOf("T1-" + run)).isEqualByComparingTo("10.00");
    }

    @Test
    void jsonTakesTheSameColumnsWithExactNumbersAndAFormUploadWorksLikeABody() {
        ServiceHttp.Answer json = api.post("/imports/confirmed_purchases", """
                [{"transaction_id":"T1-%1$s","user_id":"p1-%1$s","amount":19.990,"currency":"USD",
                  "processed_at":"2024-06-06T10:01:00Z"},
                 {"transaction_id":"T2-%1$s","user_id":"p2-%1$s","amount":5,"currency":"USD",
                  "processed_at":"2024-06-07T09:00:00Z","status":"chargeback"},
                 {"transaction_id":"T3-%1$s","user_id":{"id":1},"amount":5,"currency":"USD",
                  "processed_at":"2024-06-07T09:00:00Z","status":"refund"},
                 42]""".formatted(run));
        ServiceHttp.Answer upload = api.upload("/imports/sessions", "sessions.csv", "text/csv", """
                user_id,session_start,session_end,campaign
                p1-%1$s,2024-06-06T09:00:00Z,2024-06-06T09:30:00Z,summer
                p1-%1$s,2024-06-06T12:00:00Z,2024-06-06T11:00:00Z,summer
                """.formatted(run));

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("format").asString()).isEqualTo("json");
        assertThat(json.json().path("inserted").asLong()).isEqualTo(2);
        JsonNode badRow = json.json().path("problems").get(0);
        assertThat(badRow.path("row").asLong()).isEqualTo(3);
        assertThat(badRow.path("errors").path("user_id").asString()).isEqualTo("must be a string, number or boolean");
        assertThat(badRow.path("errors").path("status").asString()).contains("chargeback, confirmed");
        assertThat(json.json().path("problems").get(1).path("errors").path("row").asString())
            .isEqualTo("is not a JSON object");
        assertThat(jdbc.sql("select amount::text from gateway_confirmations where transaction_id = ?")
            .param("T1-" + run).query(String.class).single()).isEqualTo("19.990");

        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.json().path("fileName").asString()).isEqualTo("sessions.csv");
        assertThat(upload.json().path("inserted").asLong()).isEqualTo(1);
        assertThat(upload.json().path("problems").get(0).path("errors").path("session_end").asString())
            .isEqualTo("is before session_start");
    }

    @Test
    void costsAreKeyedByDayMediaSourceCampaignAndCurrency() {
        String csv = """
                date,media_source,campaign,spend,currency
                2024-06-08,facebook,c-%1$s,100.00,USD
                2024-06-08,google,c-%1$s,50.00,USD
                2024-06-08,facebook,c-%1$s,80.00,BRL
                """.formatted(run);
        api.post("/imports/costs_daily", "text/csv", csv);

        JsonNode corrected = api.post("/imports/costs_daily", "text/csv",
                csv.replace("100.00,USD", "110.00,USD")).json();

        assertThat(jdbc.sql("select count(*) from ad_spend where campaign = ?").param("c-" + run).query(Long.class)
            .single()).isEqualTo(3);
        assertThat(corrected.path("conflicts").asLong()).isEqualTo(1);
        assertThat(corrected.path("unchanged").asLong()).isEqualTo(2);
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWholeAndImportsNothing() {
        ServiceHttp.Answer missingColumn = api.post("/imports/purchases_raw", "text/csv",
                "event_time,event_revenue,event_revenue_currency\n2024-06-09T10:00:00Z,1,USD\n");
        ServiceHttp.Answer brokenJson = api.post("/imports/purchases_raw",
                "[{\"event_time\":\"2024-06-09T10:00:00Z\",\"customer_user_id\":\"p-" + run + "\"");
        ServiceHttp.Answer unknown = api.post("/imports/players", "text/csv", "a\n1\n");
        ServiceHttp.Answer wrongType = api.post("/imports/sessions", "application/xml", "<a/>");

        assertThat(missingColumn.status()).isEqualTo(400);
        assertThat(missingColumn.json().path("detail").asString()).contains("customer_user_id");
        assertThat(brokenJson.status()).isEqualTo(400);
        assertThat(brokenJson.json().path("title").asString()).isEqualTo("Unreadable import");
        assertThat(purchasesOf("p-" + run)).isZero();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(wrongType.status()).isEqualTo(415);
    }

    @Test
    void anUnknownConflictModeOrAnUploadedPartsUnknownCharsetIsRefusedNamingWhatIsWrong() {
        String row = "2024-06-09,meta,c-" + run + ",10.00,USD\n";
        ServiceHttp.Answer mode = api.post("/imports/costs_daily?onConflict=merge", "text/csv",
                "date,media_source,campaign,spend,currency\n" + row);
        ServiceHttp.Answer charset = api.upload("/imports/costs_daily", "costs.csv", "text/csv; charset=klingon",
                "date,media_source,campaign,spend,currency\n" + row);

        assertThat(mode.status()).as(mode.body()).isEqualTo(400);
        assertThat(mode.json().path("errors").get(0).path("field").asString()).isEqualTo("onConflict");
        assertThat(charset.status()).as(charset.body()).isEqualTo(400);
        assertThat(charset.json().path("title").asString()).isEqualTo("Unreadable import");
        assertThat(jdbc.sql("select count(*) from ad_spend where campaign = ?").param("c-" + run).query(Long.class)
            .single()).isZero();
    }

    @Test
    void everyImportKeepsItsReport() {
        JsonNode report = purchases((PURCHASES_HEADER + "2024-06-10T10:00:00Z,af_purchase,x,USD,p-%1$s,,fb,c\n")
            .formatted(run), "?fileName=purchases_raw.csv").json();

        JsonNode stored = api.get("/imports/" + report.path("importId").asLong()).json();
        JsonNode listed = api.get("/imports?file=purchases_raw&limit=5").json().path("items");

        assertThat(stored.path("fileName").asString()).isEqualTo("purchases_raw.csv");
        assertThat(stored.path("rejected").asLong()).isEqualTo(1);
        assertThat(stored.path("problems").get(0).path("errors").has("event_revenue")).isTrue();
        assertThat(listed.get(0).path("importId").asLong()).isEqualTo(report.path("importId").asLong());
        assertThat(listed.get(0).has("problems")).isFalse();
        assertThat(api.get("/imports/999999999").status()).isEqualTo(404);
    }

    private ServiceHttp.Answer purchases(String csv, String query) {
        return api.post("/imports/purchases_raw" + query, "text/csv", csv);
    }

    private BigDecimal amountOf(String transaction) {
        return jdbc.sql("select amount from provider_purchases where transaction_id = ?")
            .param(transaction)
            .query(BigDecimal.class)
            .single();
    }

    private long purchasesOf(String player) {
        return jdbc.sql("select count(*) from provider_purchases where player_id = ?")
            .param(player)
            .query(Long.class)
            .single();
    }
}
