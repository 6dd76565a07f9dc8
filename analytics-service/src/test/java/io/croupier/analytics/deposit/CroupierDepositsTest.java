package io.croupier.analytics.deposit;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.events.Tracking;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Croupier's own deposits as a purchase source, read from the real {@code croupier.attributed-conversions} topic:
 * approved deposits with an amount and chargebacks are kept once each, and the pipeline counts them with the
 * provider's purchases without counting one transaction twice.
 */
@AnalyticsServiceTest
class CroupierDepositsTest {

    private static final String OFFER = "17";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    private Inputs inputs;

    private String run;

    private String player;

    @BeforeEach
    void setUp() {
        inputs = new Inputs(new ServiceHttp(port, ServiceHttp.manager()));
        run = UUID.randomUUID().toString().substring(0, 8);
        player = "q-" + run;
    }

    @Test
    void approvedDepositsWithAnAmountAndChargebacksAreKeptOnceAndEverythingElseIsPassedOver() {
        AttributedConversion deposit = conversion(ConversionKind.FTD, ConversionStatus.APPROVED, "50.00",
                "X1-" + run, "2025-04-01T10:00:00Z");
        publish(deposit);
        publish(deposit);
        publish(conversion(ConversionKind.DEPOSIT, ConversionStatus.PENDING, "20.00", "X2-" + run,
                "2025-04-01T11:00:00Z"));
        publish(conversion(ConversionKind.FTD, ConversionStatus.APPROVED, null, "X3-" + run,
                "2025-04-01T11:00:00Z"));
        publish(conversion(ConversionKind.REGISTRATION, ConversionStatus.APPROVED, null, null,
                "2025-04-01T09:00:00Z"));
        publish(conversion(ConversionKind.PROFIT, ConversionStatus.APPROVED, "5.00", null, "2025-04-01T12:00:00Z"));
        AttributedConversion chargeback = conversion(ConversionKind.CHARGEBACK, ConversionStatus.APPROVED, null,
                "X1-" + run, "2025-04-03T09:00:00Z");
        publish(chargeback);

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(chargeback.getEventId()));

        assertThat(jdbc.sql("select kind from croupier_deposits where player_id = ? order by occurred_at")
            .param(player)
            .query(String.class)
            .list()).containsExactly("FTD", "CHARGEBACK");
        assertThat(jdbc.sql("select campaign from player_campaigns where player_id = ?").param(player)
            .query(String.class).single()).isEqualTo("K-" + run);
    }

    @Test
    void aTransactionReportedByCroupierAndTheProviderIsOnePurchaseAndItsChargebackCountsOnceOnItsFirstReport() {
        AttributedConversion deposit = conversion(ConversionKind.DEPOSIT, ConversionStatus.APPROVED, "50.00",
                "Y1-" + run, "2025-04-10T10:00:00Z");
        AttributedConversion chargeback = conversion(ConversionKind.CHARGEBACK, ConversionStatus.APPROVED, null,
                "Y1-" + run, "2025-04-12T09:00:00Z");
        publish(deposit);
        publish(chargeback);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(chargeback.getEventId()));
        inputs.purchases("2025-04-10T10:02:00Z,%s,50.00,USD,Y1-%s,provider-campaign".formatted(player, run));
        inputs.confirmations("2025-04-13T08:00:00Z,%s,50.00,USD,Y1-%s,chargeback".formatted(player, run));
        inputs.costs("2025-04-12,K-%s,100.00,USD".formatted(run), "2025-04-13,K-%s,100.00,USD".formatted(run));

        JsonNode curated = inputs.report("2025-04-10", "purchases_curated").json();
        JsonNode run = new ServiceHttp(port, ServiceHttp.manager()).get("/pipeline/runs?day=2025-04-10&limit=1").json()
            .path("items").get(0);
        JsonNode chargebackDay = inputs.report("2025-04-12", "roas_d1").json();
        JsonNode gatewayReportDay = inputs.report("2025-04-13", "roas_d1").json();

        assertThat(curated.path("purchases")).hasSize(1);
        JsonNode purchase = curated.path("purchases").get(0);
        assertThat(purchase.path("source").asString()).isEqualTo("croupier");
        assertThat(purchase.path("purchaseKey").asString()).isEqualTo(deposit.getEventId());
        assertThat(purchase.path("campaign").asString()).isEqualTo("K-" + this.run);
        assertThat(purchase.path("mediaSource").asString()).isEqualTo("facebook");
        assertThat(run.path("figures").path("purchasesCurated").path("duplicatesDropped").asLong()).isEqualTo(1);
        JsonNode charged = campaign(chargebackDay, "K-" + this.run);
        assertThat(charged.path("chargebacks").asLong()).isEqualTo(1);
        assertThat(charged.path("chargebackAmount").asString()).isEqualTo("50.00");
        assertThat(charged.path("netRevenue").asString()).isEqualTo("-50.00");
        assertThat(charged.path("roas").asString()).isEqualTo("-0.5000");
        assertThat(campaign(gatewayReportDay, "K-" + this.run).path("chargebacks").asLong()).isZero();
    }

    private void publish(AttributedConversion conversion) {
        try {
            kafka.send(Topics.ATTRIBUTED_CONVERSIONS.name(), OFFER + ":player:" + player, conversion).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean stored(String eventId) {
        return jdbc.sql("select count(*) from croupier_deposits where event_id = ?").param(eventId)
            .query(Long.class).single() == 1;
    }

    private AttributedConversion conversion(ConversionKind kind, ConversionStatus status, String amount,
            String transaction, String occurredAt) {
        Instant at = Instant.parse(occurredAt);
        String eventId = "postback:" + UUID.randomUUID();
        ConversionReported reported = ConversionReported.newBuilder()
            .setEventId(eventId)
            .setPostbackLogId(1)
            .setFormat(PostbackFormat.GAMING_WEBHOOK)
            .setKind(kind)
            .setStatus(status)
            .setOfferId(OFFER)
            .setPlayerId(player)
            .setTransactionId(transaction)
            .setAmount(amount == null ? null : new Money(amount, "USD"))
            .setOccurredAt(at)
            .setReceivedAt(at)
            .build();
        return AttributedConversion.newBuilder()
            .setEventId("attributed:" + eventId)
            .setConversion(reported)
            .setOfferId(OFFER)
            .setPublisherId("3")
            .setPlayerId(player)
            .setTracking(Tracking.newBuilder().setSource("facebook").setCampaign("K-" + run).build())
            .setMethod(AttributionMethod.PLAYER)
            .setAttributedAt(at)
            .build();
    }

    private static JsonNode campaign(JsonNode report, String campaign) {
        for (JsonNode row : report.path("campaigns")) {
            if (row.path("campaign").asString().equals(campaign)) {
                return row;
            }
        }
        throw new AssertionError("no " + campaign + " in " + report);
    }
}
