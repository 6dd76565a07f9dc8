package io.croupier.attribution.click;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.clickid.ClickId;
import io.croupier.events.Click;
import io.croupier.events.Tracking;
import io.croupier.runtime.partition.PartitionMaintenance;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.tracking;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AttributionServiceTest
class ClickStorageTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClickRepository clicks;

    @Autowired
    PartitionMaintenance partitions;

    @Test
    void aClickIsStoredWithOfferPublisherSourceCampaignSubIdsTimeIpAndUserAgent() {
        Click click = click(unique("offer"), "7", tracking().setSub2("s2").setSub4("s4").setSub5("s5"))
            .setReferrer("https://example.org/landing")
            .build();

        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);

        await().atMost(Duration.ofSeconds(20)).until(() -> clicks.find(click.getClickId()).isPresent());
        assertThat(clicks.find(click.getClickId())).hasValue(new StoredClick(click.getClickId(), click.getOfferId(),
                "7", new Tracking("google", "spring-promo", "s1", "s2", "s3", "s4", "s5"), "203.0.113.7", "Mozilla/5.0",
                "https://example.org/landing", click.getOccurredAt()));
    }

    @Test
    void aRedeliveredClickIsStoredAndCountedOnce() {
        String offer = unique("offer");
        Click click = click(offer, "7").build();
        Click marker = click(offer, "7").build();

        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        kafka.send(Topics.CLICKS.name(), marker.getClickId(), marker);

        await().atMost(Duration.ofSeconds(20)).until(() -> clicks.find(marker.getClickId()).isPresent());
        assertThat(jdbc.sql("select count(*) from clicks where offer_id = ?").param(offer).query(Long.class).single())
            .isEqualTo(2);
        assertThat(jdbc.sql("select sum(clicks) from performance_windows where offer_id = ?")
            .param(offer).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void clicksOlderThanTheRetentionAreDroppedWithTheirDayAndTheOthersKept() {
        Instant now = Instant.now();
        Click expired = click(unique("offer"), "7").setOccurredAt(now.minus(Duration.ofDays(91))).build();
        Click kept = click(unique("offer"), "7").setOccurredAt(now.minus(Duration.ofDays(89))).build();
        kafka.send(Topics.CLICKS.name(), expired.getClickId(), expired);
        kafka.send(Topics.CLICKS.name(), kept.getClickId(), kept);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> clicks.find(expired.getClickId()).isPresent() && clicks.find(kept.getClickId()).isPresent());

        partitions.maintain(now);

        assertThat(clicks.find(expired.getClickId())).isEmpty();
        assertThat(clicks.find(kept.getClickId())).isPresent();
        assertThat(partitionOf(kept))
            .isEqualTo("clicks_p" + DAY.format(kept.getOccurredAt().atOffset(ZoneOffset.UTC)));
        assertThat(jdbc.sql("select count(*) from pg_class where relname = ?")
            .param("clicks_p" + DAY.format(now.plus(Duration.ofDays(3))
                .atOffset(ZoneOffset.UTC)))
            .query(Long.class)
            .single()).as("the partition three days ahead").isOne();
    }

    @Test
    void aClickIsFoundByItsIdWhetherOrNotTheIdCarriesTheClickTime() {
        Instant occurredAt = Instant.parse("2016-07-30T22:36:16.385Z");
        Click madeByClickService = click(unique("offer"), "7").setOccurredAt(Instant.now().minusSeconds(5)).build();
        madeByClickService.setClickId(ulid(madeByClickService.getOccurredAt()));
        Click ulidOfAnotherTime = click(unique("offer"), "7").setOccurredAt(Instant.now().minusSeconds(5)).build();
        ulidOfAnotherTime.setClickId(ulid(occurredAt));

        kafka.send(Topics.CLICKS.name(), madeByClickService.getClickId(), madeByClickService);
        kafka.send(Topics.CLICKS.name(), ulidOfAnotherTime.getClickId(), ulidOfAnotherTime);

        await().atMost(Duration.ofSeconds(20)).until(() -> clicks.find(madeByClickService.getClickId()).isPresent()
                && clicks.find(ulidOfAnotherTime.getClickId()).isPresent());
        assertThat(clicks.find(madeByClickService.getClickId()).orElseThrow().occurredAt())
            .isEqualTo(madeByClickService.getOccurredAt());
        assertThat(clicks.find(ulidOfAnotherTime.getClickId()).orElseThrow().occurredAt())
            .isEqualTo(ulidOfAnotherTime.getOccurredAt());
    }

    @Test
    void aClickAroundMidnightUtcIsStoredAndLookedUpInTheDayItsIdWasMintedOn() {
        Instant midnight = Instant.now().atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1)
            .atStartOfDay(ZoneOffset.UTC).toInstant();
        Click lastOfTheDay = minted(midnight.minusMillis(1));
        Click firstOfTheNext = minted(midnight);
        Click secondOfTheNext = minted(midnight.plusMillis(1));

        for (Click click : new Click[] {lastOfTheDay, firstOfTheNext, secondOfTheNext}) {
            kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> clicks.find(secondOfTheNext.getClickId()).isPresent()
                && clicks.find(firstOfTheNext.getClickId()).isPresent()
                && clicks.find(lastOfTheDay.getClickId()).isPresent());

        String day = "clicks_p" + DAY.format(midnight.minusMillis(1).atOffset(ZoneOffset.UTC));
        String nextDay = "clicks_p" + DAY.format(midnight.atOffset(ZoneOffset.UTC));
        assertThat(partitionOf(lastOfTheDay)).isEqualTo(day);
        assertThat(partitionOf(firstOfTheNext)).isEqualTo(nextDay);
        assertThat(partitionOf(secondOfTheNext)).isEqualTo(nextDay);
        assertThat(foundByMintedTimeIn(day, lastOfTheDay)).isTrue();
        assertThat(foundByMintedTimeIn(nextDay, firstOfTheNext)).isTrue();
        assertThat(foundByMintedTimeIn(nextDay, secondOfTheNext)).isTrue();
        assertThat(clicks.find(lastOfTheDay.getClickId()).orElseThrow().occurredAt())
            .isEqualTo(midnight.minusMillis(1));
        assertThat(clicks.find(secondOfTheNext.getClickId()).orElseThrow().occurredAt())
            .isEqualTo(midnight.plusMillis(1));
    }

    private static Click minted(Instant at) {
        Click click = click(unique("offer"), "7").setOccurredAt(at).build();
        click.setClickId(ulid(at));
        return click;
    }

    /** Whether the one partition holds the click at the instant read back out of its id: the look-up's own key. */
    private boolean foundByMintedTimeIn(String partition, Click click) {
        Instant minted = ClickId.parse(click.getClickId()).orElseThrow().mintedAt();
        return jdbc.sql("select count(*) from " + partition + " where click_id = ? and occurred_at = ?")
            .param(click.getClickId())
            .param(Timestamp.from(minted))
            .query(Long.class)
            .single() == 1;
    }

    private String partitionOf(Click click) {
        return jdbc.sql("select tableoid::regclass::text from clicks where click_id = ?")
            .param(click.getClickId())
            .query(String.class)
            .single();
    }

    /** An id minted at that instant, as click-service mints them. */
    private static String ulid(Instant at) {
        return ClickId.mint(at.toEpochMilli()).toString();
    }
}
