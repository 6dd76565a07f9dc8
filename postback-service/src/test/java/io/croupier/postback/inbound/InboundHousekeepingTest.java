package io.croupier.postback.inbound;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import io.croupier.postback.PostbackServiceTest;
import io.croupier.postback.PostbackSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed message ids are remembered for the message retention (3 days), long after their timestamps went stale. */
class InboundHousekeepingTest extends PostbackServiceTest {

    @Autowired
    InboundHousekeeping housekeeping;

    @Test
    void aMessageIdIsKeptForTheRetentionSoALateResendIsStillKnown() {
        String offerId = unique("offer");
        remember(offerId, "two-days-old", Duration.ofDays(2));
        remember(offerId, "four-days-old", Duration.ofDays(4));

        housekeeping.tidy();

        assertThat(jdbc.sql("select message_id from inbound_messages where offer_id = :offer")
            .param("offer", offerId)
            .query(String.class)
            .list()).containsExactly("two-days-old");
    }

    @Test
    void aRetentionShorterThanTwiceTheToleranceIsRefused() {
        assertThatThrownBy(() -> new PostbackSettings.Inbound(Duration.ofMinutes(5), Duration.ofMinutes(9)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("message-retention");
    }

    private void remember(String offerId, String messageId, Duration age) {
        jdbc.sql("""
                insert into inbound_messages (offer_id, message_id, received_at, log_id, content_digest)
                values (:offer, :message, :at, 1, 'digest')""")
            .param("offer", offerId)
            .param("message", messageId)
            .param("at", Timestamp.from(Instant.now().minus(age)))
            .update();
    }
}
