package io.croupier.analytics.confirmation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.events.PurchaseConfirmed;
import io.croupier.events.Tracking;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's confirmation of a Croupier deposit is announced once ({@code PurchaseConfirmed}), whichever of the
 * two arrives first, and only when the gateway confirmed the deposit's own amount and currency.
 */
@AnalyticsServiceTest
class PurchaseConfirmationsTest {

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    private Inputs inputs;

    private String run;

    @BeforeEach
    void setUp() {
        inputs = new Inputs(new ServiceHttp(port, ServiceHttp.manager()));
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aConfirmationImportedAfterTheDepositIsAnnouncedOnceWithTheGatewaysFigures() {
        String transaction = "C1-" + run;
        deposit(transaction, "50.00");
        String row = "2025-05-01T10:03:00Z,p-" + run + ",50.00,usd," + transaction + ",confirmed";

        inputs.confirmations(row);
        inputs.confirmations(row);

        PurchaseConfirmed confirmed = announcements(transaction, 1).get(0);
        assertThat(confirmed.getEventId()).isEqualTo("purchase-confirmed:" + transaction);
        assertThat(confirmed.getAmount()).isEqualTo(new Money("50.00", "USD"));
        assertThat(confirmed.getPlayerId()).isEqualTo("p-" + run);
        assertThat(confirmed.getProcessedAt()).isEqualTo(Instant.parse("2025-05-01T10:03:00Z"));
        assertThat(announced(transaction)).as("announced once, the re-import adds nothing").isEqualTo(1);
    }

    @Test
    void aDepositArrivingAfterItsConfirmationIsAnnouncedToo() {
        String transaction = "C2-" + run;
        inputs.confirmations("2025-05-01T10:03:00Z,p-" + run + ",20.00,USD," + transaction + ",confirmed");

        deposit(transaction, "20.00");

        assertThat(announcements(transaction, 1).get(0).getAmount()).isEqualTo(new Money("20.00", "USD"));
    }

    @Test
    void aConfirmationOfAnotherAmountOrOnlyAChargebackConfirmsNothing() {
        String otherAmount = "C3-" + run;
        String chargedBack = "C4-" + run;
        deposit(otherAmount, "30.00");
        deposit(chargedBack, "30.00");

        inputs.confirmations("2025-05-01T10:03:00Z,p-" + run + ",25.00,USD," + otherAmount + ",confirmed",
                "2025-05-02T10:03:00Z,p-" + run + ",30.00,USD," + chargedBack + ",chargeback");
        String marker = "C5-" + run;
        deposit(marker, "5.00");
        inputs.confirmations("2025-05-01T10:04:00Z,p-" + run + ",5.00,USD," + marker + ",confirmed");

        announcements(marker, 1);
        assertThat(announced(otherAmount)).isZero();
        assertThat(announced(chargedBack)).isZero();
    }

    private List<PurchaseConfirmed> announcements(String transaction, int count) {
        return TopicRecords.of(Topics.PURCHASE_CONFIRMATIONS)
            .awaitValues(confirmed -> confirmed.getTransactionId().equals(transaction), count);
    }

    private long announced(String transaction) {
        return jdbc.sql("select count(*) from announced_confirmations where transaction_id = ?").param(transaction)
            .query(Long.class).single();
    }

    private void deposit(String transaction, String amount) {
        Instant at = Instant.parse("2025-05-01T10:00:00Z");
        String eventId = "postback:" + UUID.randomUUID();
        ConversionReported reported = ConversionReported.newBuilder()
            .setEventId(eventId)
            .setPostbackLogId(1)
            .setFormat(PostbackFormat.GAMING_WEBHOOK)
            .setKind(ConversionKind.FTD)
            .setStatus(ConversionStatus.APPROVED)
            .setOfferId("17")
            .setPlayerId("p-" + run)
            .setTransactionId(transaction)
            .setAmount(new Money(amount, "USD"))
            .setOccurredAt(at)
            .setReceivedAt(at)
            .build();
        AttributedConversion attributed = AttributedConversion.newBuilder()
            .setEventId("attributed:" + eventId)
            .setConversion(reported)
            .setOfferId("17")
            .setPlayerId("p-" + run)
            .setTracking(Tracking.newBuilder().setCampaign("K-" + run).build())
            .setMethod(AttributionMethod.PLAYER)
            .setAttributedAt(at)
            .build();
        try {
            kafka.send(Topics.ATTRIBUTED_CONVERSIONS.name(), "17:player:p-" + run, attributed).get();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from croupier_deposits where event_id = ?").param(attributed.getEventId())
            .query(Long.class).single() == 1);
    }
}
