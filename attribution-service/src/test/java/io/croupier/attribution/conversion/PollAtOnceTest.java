package io.croupier.attribution.conversion;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.croupier.attribution.TestEvents.attributed;
import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.ulid;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Conversions that arrive in one poll are applied in one transaction against the poll's standing read at once: they
 * see each other in the order they were consumed. Each scenario's records are produced under one key while the
 * conversion listener is stopped, so the listener's first poll holds them all; that they were applied in one
 * transaction is read from the rows' {@code xmin}.
 */
@AttributionServiceTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PollAtOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private final Scenario registrationThenDeposit = new Scenario("71");

    private final Scenario depositThenRegistration = new Scenario("72");

    private final Scenario repeated = new Scenario("73");

    private final Scenario poisoned = new Scenario("74");

    /** An amount that is no number: storing it fails, in the poll's statement and again alone. */
    private final ConversionReported poison = conversion(ConversionKind.DEPOSIT)
        .setOfferId(poisoned.click.getOfferId())
        .setPlayerId(poisoned.player)
        .setAmount(money("lots", "EUR"))
        .setOrderKey(poisoned.registration.getOrderKey())
        .build();

    /** The scenarios' polls, each produced while the listener is stopped, for the tests to look at. */
    @BeforeAll
    void produceThePolls() {
        List<Click> clicks = List.of(registrationThenDeposit.click, depositThenRegistration.click, repeated.click,
                poisoned.click);
        clicks.forEach(click -> kafka.send(Topics.CLICKS.name(), click.getClickId(), click));
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from clicks where click_id = any(?::text[])")
            .param(clicks.stream().map(Click::getClickId).toArray(String[]::new))
            .query(Long.class)
            .single() == clicks.size());
        whileTheListenerIsStopped(() -> {
            registrationThenDeposit.send(registrationThenDeposit.registration, registrationThenDeposit.deposit);
            depositThenRegistration.send(depositThenRegistration.deposit, depositThenRegistration.registration);
            repeated.send(repeated.registration, repeated.deposit, repeated.deposit, repeated.registration,
                    repeated.deposit);
        });
        // The poison's poll is redone one record per transaction: in a window of its own, so that it cannot share a
        // poll (a partition) with the scenarios above.
        List.of(registrationThenDeposit, depositThenRegistration, repeated).forEach(scenario ->
                await().atMost(WAIT).until(() -> !attributed(scenario.deposit.getEventId()).isEmpty()));
        whileTheListenerIsStopped(() -> poisoned.send(poisoned.registration, poison, poisoned.deposit));
    }

    private void whileTheListenerIsStopped(Runnable produce) {
        List<MessageListenerContainer> containers = listeners.getListenerContainers()
            .stream()
            .filter(container -> List.of(container.getContainerProperties().getTopics())
                .contains(Topics.CONVERSIONS_REPORTED.name()))
            .toList();
        containers.forEach(MessageListenerContainer::stop);
        try {
            produce.run();
            kafka.flush();
        }
        finally {
            containers.forEach(MessageListenerContainer::start);
        }
    }

    @Test
    void aRegistrationAndItsPlayersDepositInOnePollSeeEachOther() {
        Scenario poll = registrationThenDeposit;

        AttributedConversion attributedDeposit = attributedOnce(poll.deposit);
        assertThat(attributedOnce(poll.registration).getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributedDeposit.getMethod()).as("the deposit follows the link its poll's registration made")
            .isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributedDeposit.getClickId()).isEqualTo(poll.click.getClickId());
        assertThat(attributedDeposit.getPublisherId()).isEqualTo("71");
        assertThat(attributedDeposit.getFirstDeposit()).as("the player's first deposit, known from the same poll")
            .isTrue();
        assertThat(checks(poll.deposit)).as("never parked").isZero();
        assertThat(jdbc.sql("select deposited and first_deposit_counted from player_links where offer_id = ? and "
                + "player_id = ?").params(poll.click.getOfferId(), poll.player).query(Boolean.class).single())
            .isTrue();
        assertOneTransaction(poll.registration, poll.deposit);
    }

    @Test
    void aDepositParkedForItsPlayersLinkIsReleasedByTheRegistrationLaterInTheSamePoll() {
        Scenario poll = depositThenRegistration;

        AttributedConversion attributedDeposit = attributedOnce(poll.deposit);
        assertThat(attributedDeposit.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributedDeposit.getClickId()).isEqualTo(poll.click.getClickId());
        assertThat(attributedDeposit.getFirstDeposit()).isTrue();
        assertThat(checks(poll.deposit)).as("parked once, for the link").isEqualTo(1);
        assertThat(offset(attributedDeposit)).as("released by the link, so emitted after the registration")
            .isGreaterThan(offset(attributedOnce(poll.registration)));
        assertOneTransaction(poll.deposit, poll.registration);
    }

    @Test
    void aConversionRepeatedInsideOnePollIsAppliedOnce() {
        Scenario poll = repeated;

        assertThat(attributedOnce(poll.registration).getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributedOnce(poll.deposit).getFirstDeposit()).isTrue();
        String[] eventIds = { poll.registration.getEventId(), poll.deposit.getEventId() };
        assertThat(jdbc.sql("select count(*) from conversions where event_id = any(?::text[])")
            .param(eventIds).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = any(?::text[])")
            .param(eventIds).query(Long.class).single()).isEqualTo(2);
        assertOneTransaction(poll.registration, poll.deposit);
    }

    @Test
    void aPoisonInAPollIsDeadLetteredAndTheOthersAreAppliedOnce() {
        Scenario poll = poisoned;

        assertThat(attributedOnce(poll.registration).getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributedOnce(poll.deposit).getFirstDeposit()).isTrue();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", unique("dlt"), "auto.offset.reset",
                "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CONVERSIONS_REPORTED.deadLetterTopic()));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (poison.getOrderKey().equals(record.key())) {
                        return true;
                    }
                }
                return false;
            });
        }
        assertThat(jdbc.sql("select count(*) from conversions where event_id = ?").param(poison.getEventId())
            .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from processed_events where event_id = ?").param(poison.getEventId())
            .query(Long.class).single()).isZero();
        assertThat(attributed(poll.registration.getEventId())).as("applied once, though its poll was redone")
            .hasSize(1);
    }

    /** A stored click, a player's registration through it and the player's deposit, under the player's key. */
    private final class Scenario {

        private final Click click;

        private final String player = unique("player");

        private final ConversionReported registration;

        private final ConversionReported deposit;

        Scenario(String publisherId) {
            // Its id a ULID of its time, as click-service makes them: the poll reads it in its day's partition.
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            click = click(unique("offer"), publisherId).setClickId(ulid(at)).setOccurredAt(at).build();
            String key = click.getOfferId() + ":player:" + player;
            registration = conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
                .setOfferId(click.getOfferId())
                .setPlayerId(player)
                .setOrderKey(key)
                .build();
            deposit = conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
                .setPlayerId(player)
                .setAmount(money("40.00", "EUR"))
                .setOrderKey(key)
                .build();
        }

        void send(ConversionReported... conversions) {
            for (ConversionReported conversion : conversions) {
                kafka.send(Topics.CONVERSIONS_REPORTED.name(), conversion.getOrderKey(), conversion);
            }
        }
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
