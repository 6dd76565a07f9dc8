package io.croupier.attribution.click;

import java.time.Duration;
import java.time.Instant;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.events.Click;
import io.croupier.events.Tracking;
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

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ClickRepository clicks;

    @Autowired
    ClickRetention retention;

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
    void clicksOlderThanTheRetentionAreDeleted() {
        Click expired = click(unique("offer"), "7").setOccurredAt(Instant.now().minus(Duration.ofDays(91))).build();
        Click kept = click(unique("offer"), "7").setOccurredAt(Instant.now().minus(Duration.ofDays(89))).build();
        kafka.send(Topics.CLICKS.name(), expired.getClickId(), expired);
        kafka.send(Topics.CLICKS.name(), kept.getClickId(), kept);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> clicks.find(expired.getClickId()).isPresent() && clicks.find(kept.getClickId()).isPresent());

        retention.enforce();

        assertThat(clicks.find(expired.getClickId())).isEmpty();
        assertThat(clicks.find(kept.getClickId())).isPresent();
    }
}
