package io.croupier.commission;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.croupier.commission.Events.deal;
import static io.croupier.commission.Events.share;
import static io.croupier.commission.Events.uniqueId;
import static io.croupier.commission.SeedWorkedExamplesTest.partnerEvent;
import static org.assertj.core.api.Assertions.assertThat;

/** The inbox is partitioned by month: an id applied in an earlier month still stops a redelivery paying twice. */
@CommissionServiceTest
class InboxAcrossMonthsTest {

    private static final String CONSUMER = "commission-service.attributed-conversions";

    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

    @Autowired
    Driver driver;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConversionAppliedTwoMonthsAgoAndRedeliveredNowAddsNothingToTheLedger() {
        String offer = driver.offer(uniqueId("partner"), deal(1, LONG_AGO, "USD").build());
        String publisher = driver.publisher(uniqueId("pub"), true, share("80"), Map.of());
        String click = uniqueId("CLK");
        AttributedConversion applied = partnerEvent(offer, publisher, ConversionStatus.APPROVED, "4.00", click,
                uniqueId("TXN"), "user");
        driver.main(applied);
        Instant twoMonthsAgo = Instant.now().minus(Duration.ofDays(62));
        jdbc.sql("update processed_events set processed_at = ? where consumer = ? and event_id = ?")
            .params(Timestamp.from(twoMonthsAgo), CONSUMER, applied.getEventId())
            .update();
        assertThat(jdbc.sql("select tableoid::regclass::text from processed_events where event_id = ?")
            .param(applied.getEventId())
            .query(String.class)
            .single()).isEqualTo("processed_events_p"
                    + DateTimeFormatter.ofPattern("yyyyMM").format(twoMonthsAgo.atOffset(ZoneOffset.UTC)));

        driver.publish(applied);
        // Same click, so same key and partition: once this one is in the ledger, the redelivery before it was read.
        driver.main(partnerEvent(offer, publisher, ConversionStatus.APPROVED, "5.00", click, uniqueId("TXN"),
                "user"));

        assertThat(driver.entries(applied.getEventId())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from processed_events where consumer = ? and event_id = ?")
            .params(CONSUMER, applied.getEventId())
            .query(Long.class)
            .single()).isOne();
    }
}
