package io.croupier.attribution.conversion;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.croupier.attribution.TestEvents.attributed;
import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversions that arrive in one poll are applied in one transaction against the poll's standing read at once: they
 * see each other in the order they were consumed. Each test produces its records while the conversion listener is
 * stopped, under one key, so the listener's first poll holds them all; that they were applied in one transaction is
 * read from the rows' {@code xmin}.
 */
@AttributionServiceTest
class PollAtOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aRegistrationAndItsPlayersDepositInOnePollSeeEachOther() {
        Click click = storedClick("71");
        String player = unique("player");
        ConversionReported registration = conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .build();
        ConversionReported deposit = conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("40.00", "EUR"))
            .build();

        inOnePoll(click.getOfferId() + ":player:" + player, registration, deposit);

        AttributedConversion attributedDeposit = attributedOnce(deposit);
        assertThat(attributedOnce(registration).getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributedDeposit.getMethod()).as("the deposit follows the link its poll's registration made")
            .isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributedDeposit.getClickId()).isEqualTo(click.getClickId());
        assertThat(attributedDeposit.getPublisherId()).isEqualTo("71");
        assertThat(attributedDeposit.getFirstDeposit()).as("the player's first deposit, known from the same poll")
            .isTrue();
        assertThat(checks(deposit)).as("never parked").isZero();
        assertThat(jdbc.sql("select deposited and first_deposit_counted from player_links where offer_id = ? and "
                + "player_id = ?").params(click.getOfferId(), player).query(Boolean.class).single()).isTrue();
        assertOneTransaction(registration, deposit);
    }

    @Test
    void aDepositParkedForItsPlayersLinkIsReleasedByTheRegistrationLaterInTheSamePoll() {
        Click click = storedClick("72");
        String player = unique("player");
        ConversionReported deposit = conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("15.00", "USD"))
            .build();
        ConversionReported registration = conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .build();

        inOnePoll(click.getOfferId() + ":player:" + player, deposit, registration);

        AttributedConversion attributedDeposit = attributedOnce(deposit);
        assertThat(attributedDeposit.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributedDeposit.getClickId()).isEqualTo(click.getClickId());
        assertThat(attributedDeposit.getFirstDeposit()).isTrue();
        assertThat(checks(deposit)).as("parked once, for the link").isEqualTo(1);
        assertThat(offset(attributedDeposit)).as("released by the link, so emitted after the registration")
            .isGreaterThan(offset(attributedOnce(registration)));
        assertOneTransaction(deposit, registration);
    }

    @Test
    void aConversionRepeatedInsideOnePollIsAppliedOnce() {
        Click click = storedClick("73");
        String player = unique("player");
        ConversionReported deposit = conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("10.00", "USD"))
            .build();
        ConversionReported registration = conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .build();

        inOnePoll(click.getOfferId() + ":player:" + player, registration, deposit, deposit, registration, deposit);

        assertThat(attributedOnce(registration).getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributedOnce(deposit).getFirstDeposit()).isTrue();
        assertThat(jdbc.sql("select count(*) from conversions where event_id in (?, ?)")
            .params(registration.getEventId(), deposit.getEventId()).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from processed_events where event_id in (?, ?)")
            .params(registration.getEventId(), deposit.getEventId()).query(Long.class).single()).isEqualTo(2);
        assertOneTransaction(registration, deposit);
    }

    /** Produces the records under one key while the conversion listener is stopped, then starts it. */
    private void inOnePoll(String key, ConversionReported... conversions) {
        List<MessageListenerContainer> containers = listeners.getListenerContainers()
            .stream()
            .filter(container -> List.of(container.getContainerProperties().getTopics())
                .contains(Topics.CONVERSIONS_REPORTED.name()))
            .toList();
        containers.forEach(MessageListenerContainer::stop);
        try {
            for (ConversionReported conversion : conversions) {
                conversion.setOrderKey(key);
                kafka.send(Topics.CONVERSIONS_REPORTED.name(), key, conversion);
            }
            kafka.flush();
        }
        finally {
            containers.forEach(MessageListenerContainer::start);
        }
    }

    private Click storedClick(String publisherId) {
        Click click = click(unique("offer"), publisherId).build();
        kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from clicks where click_id = ?")
            .param(click.getClickId()).query(Long.class).single() == 1);
        return click;
    }

    private void assertOneTransaction(ConversionReported... conversions) {
        assertThat(jdbc.sql("select count(distinct xmin::text) from conversions where event_id = any(?::text[])")
            .param(Arrays.stream(conversions).map(ConversionReported::getEventId).toArray(String[]::new))
            .query(Long.class)
            .single()).as("stored and decided in the transaction of their poll").isEqualTo(1);
    }

    private int checks(ConversionReported conversion) {
        return jdbc.sql("select checks from conversions where event_id = ?")
            .param(conversion.getEventId()).query(Integer.class).single();
    }

    private static long offset(AttributedConversion attributed) {
        ConsumerRecord<String, AttributedConversion> record = TopicRecords.of(Topics.ATTRIBUTED_CONVERSIONS)
            .records(candidate -> candidate.value().getEventId().equals(attributed.getEventId()))
            .get(0);
        return record.offset();
    }

    private static AttributedConversion attributedOnce(ConversionReported conversion) {
        await().atMost(WAIT).until(() -> !attributed(conversion.getEventId()).isEmpty());
        List<AttributedConversion> attributed = attributed(conversion.getEventId());
        assertThat(attributed).hasSize(1);
        return attributed.get(0);
    }
}
