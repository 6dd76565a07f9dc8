package io.croupier.attribution.conversion;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.Partitions;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.runtime.partition.PartitionMaintenance;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.attribution.TestEvents.attributed;
import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversions in partitions by the month postback-service received them: months made ahead, a conversion stored in
 * its event's month and found there when it is redelivered, and an expired month dropped only once it holds no parked
 * conversion.
 */
@AttributionServiceTest
class ConversionPartitionsTest {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");

    private static final Duration WITHIN = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void theCurrentAndTheNextMonthHaveTheirPartitionBeforeTheFirstConversion() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);

        assertThat(partitions()).contains(partition(today), partition(today.plusMonths(1)), "conversions_default");
    }

    @Test
    void aConversionIsStoredInTheMonthItWasReportedAndARedeliveryOfItIsAppliedOnce() {
        String offer = unique("offer");
        Click click = click(offer, "9").build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        Instant reported = Instant.now().minus(Duration.ofDays(70)).truncatedTo(ChronoUnit.MILLIS);
        ConversionReported registration = conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(offer)
            .setReceivedAt(reported)
            .build();

        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), registration);
        await().atMost(WITHIN).until(() -> "ATTRIBUTED".equals(state(registration.getEventId())));
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), registration);
        ConversionReported after = conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(offer)
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), after);
        await().atMost(WITHIN).until(() -> "ATTRIBUTED".equals(state(after.getEventId())));

        assertThat(jdbc.sql("select tableoid::regclass::text from conversions where event_id = ?")
            .param(registration.getEventId())
            .query(String.class)
            .list()).containsExactly(partition(LocalDate.ofInstant(reported, ZoneOffset.UTC)));
        await().atMost(WITHIN).until(() -> !attributed(registration.getEventId()).isEmpty());
        assertThat(attributed(registration.getEventId())).as("the redelivery emitted nothing more").hasSize(1);
    }

    @Test
    void anExpiredMonthIsKeptWhileItHoldsAParkedConversionAndDroppedOnceItIsAttributed() {
        LocalDate expired = LocalDate.now(ZoneOffset.UTC).minusMonths(16).withDayOfMonth(1);
        jdbc.sql("create table %s partition of conversions for values from ('%s') to ('%s')".formatted(
                partition(expired), expired.atStartOfDay().toInstant(ZoneOffset.UTC),
                expired.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC))).update();
        String offer = unique("offer");
        Click late = click(offer, "9").build();
        ConversionReported parked = conversion(ConversionKind.REGISTRATION).setClickId(late.getClickId())
            .setOfferId(offer)
            .setReceivedAt(expired.atTime(12, 0).toInstant(ZoneOffset.UTC))
            .build();
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), late.getClickId(), parked);
        await().atMost(WITHIN).until(() -> jdbc.sql("""
                select count(*) from conversions where event_id = ? and next_check_at is not null""")
            .param(parked.getEventId())
            .query(Long.class)
            .single() == 1);

        partitions.maintain(Instant.now());

        assertThat(partitions()).contains(partition(expired), partition(LocalDate.now(ZoneOffset.UTC)));
        assertThat(state(parked.getEventId())).isNotNull();

        kafka.send(Topics.CLICKS.name(), late.getClickId(), late);
        await().atMost(WITHIN).until(() -> "ATTRIBUTED".equals(state(parked.getEventId())));
        partitions.maintain(Instant.now());

        assertThat(partitions()).doesNotContain(partition(expired))
            .contains(partition(LocalDate.now(ZoneOffset.UTC)));
        await().atMost(WITHIN).until(() -> !attributed(parked.getEventId()).isEmpty());
        assertThat(attributed(parked.getEventId())).hasSize(1);
    }

    private String state(String eventId) {
        return jdbc.sql("select state from conversions where event_id = ?")
            .param(eventId)
            .query(String.class)
            .optional()
            .orElse(null);
    }

    private static String partition(LocalDate day) {
        return "conversions_p" + MONTH.format(day);
    }

    private List<String> partitions() {
        return Partitions.of(jdbc, "conversions");
    }
}
