package io.croupier.attribution.conversion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.croupier.events.ConversionStatus;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static io.croupier.attribution.TestEvents.attributed;
import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.publisher;
import static io.croupier.attribution.TestEvents.tracking;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@AttributionServiceTest
class AttributionPathsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aConversionWithAClickIdIsAttributedToThatClicksOfferAndPublisher() {
        Click click = send(click(unique("offer"), "17", tracking().setSub5("s5")).build());
        ConversionReported ftd = send(conversion(ConversionKind.FTD).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setPlayerId(unique("player"))
            .build());

        AttributedConversion attributed = attributedOnce(ftd);

        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributed.getOfferId()).isEqualTo(click.getOfferId());
        assertThat(attributed.getPublisherId()).isEqualTo("17");
        assertThat(attributed.getClickId()).isEqualTo(click.getClickId());
        assertThat(attributed.getTracking()).isEqualTo(click.getTracking());
        assertThat(attributed.getTracking().getSub5()).isEqualTo("s5");
        assertThat(attributed.getWarning()).isNull();
        assertThat(attributed.getGuessed()).isFalse();
        assertThat(attributed.getConversion()).isEqualTo(ftd);
    }

    @Test
    void aConversionWithAClickIdButNoOfferTakesTheClicksOfferAndIsKeyedByTheClick() {
        Click click = send(click(unique("offer"), "17").build());
        ConversionReported conversion = send(conversion(ConversionKind.CONVERSION).setClickId(click.getClickId())
            .build());

        AttributedConversion attributed = attributedOnce(conversion);

        assertThat(attributed.getOfferId()).isEqualTo(click.getOfferId());
        assertThat(record(attributed).key()).isEqualTo(click.getClickId());
    }

    @Test
    void theAttributedConversionKeepsTheOrderKeyOfTheReportedOneEvenWhenItWasOnlyItsKafkaKey() {
        Click click = send(click(unique("offer"), "18").build());
        ConversionReported carried = send(conversion(ConversionKind.CONVERSION).setClickId(click.getClickId())
            .setOrderKey(unique("carried-key"))
            .build());
        ConversionReported released = conversion(ConversionKind.CONVERSION).setClickId(click.getClickId()).build();
        String releasedKey = unique("kafka-key");
        kafka.send(Topics.CONVERSIONS_REPORTED.name(), releasedKey, released);

        assertThat(record(attributedOnce(carried)).key())
            .isEqualTo(carried.getOrderKey());
        assertThat(record(attributedOnce(released)).key()).isEqualTo(releasedKey);
    }

    @Test
    void aSecretOfAnotherOfferIsNotAttributed() {
        Click click = send(click(unique("offer"), "17").build());
        ConversionReported ftd = send(conversion(ConversionKind.FTD).setClickId(click.getClickId())
            .setOfferId(unique("other-offer"))
            .build());

        await().atMost(WAIT).until(() -> "SECRET_OFFER_MISMATCH".equals(reason(ftd)));
        assertThat(state(ftd)).isEqualTo("UNATTRIBUTED");
        assertThat(attributed(ftd.getEventId())).isEmpty();
    }

    @Test
    void aRegistrationLinksThePlayerAndHisLaterDepositsFollowTheLink() {
        Click click = send(click(unique("offer"), "21").build());
        String player = unique("user");
        ConversionReported registration = send(conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .build());
        attributedOnce(registration);
        ConversionReported deposit = send(conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("100.00", "USD"))
            .setFirstDeposit(true)
            .build());

        AttributedConversion attributed = attributedOnce(deposit);

        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributed.getPublisherId()).isEqualTo("21");
        assertThat(attributed.getClickId()).isEqualTo(click.getClickId());
        assertThat(attributed.getTracking().getCampaign()).isEqualTo("spring-promo");
        assertThat(attributed.getGuessed()).as("the link was made by the registration's click id").isFalse();
        assertThat(attributed.getWarning()).isNull();
        assertThat(record(attributed).key())
            .isEqualTo(click.getOfferId() + ":player:" + player);
    }

    @Test
    void firstDepositNessIsTheCasinosFlagWhenSentAndThePlayersHistoryWhenNot() {
        Click click = send(click(unique("casino_pro"), "24").build());
        String player = unique("user");
        attributedOnce(send(conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .build()));

        List<Boolean> firstDeposits = new ArrayList<>();
        for (Boolean flag : Arrays.asList(null, null, true, false)) {
            firstDeposits.add(attributedOnce(send(conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
                .setPlayerId(player)
                .setFirstDeposit(flag)
                .setAmount(money("10.00", "USD"))
                .build())).getFirstDeposit());
        }
        AttributedConversion pending = attributedOnce(send(conversion(ConversionKind.DEPOSIT)
            .setStatus(ConversionStatus.PENDING)
            .setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("10.00", "USD"))
            .build()));

        assertThat(firstDeposits).as("no flag: the first seen; no flag: not; flagged first: believed; flagged not")
            .containsExactly(true, false, true, false);
        assertThat(pending.getFirstDeposit()).as("only an approved deposit is a first deposit").isNull();
    }

    @Test
    void aChargebackIsAttributedThroughThePlayerLink() {
        Click click = send(click(unique("offer"), "22").build());
        String player = unique("user");
        attributedOnce(send(conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId())
            .setPlayerId(player)
            .build()));
        ConversionReported chargeback = send(conversion(ConversionKind.CHARGEBACK).setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("50.00", "EUR"))
            .build());

        AttributedConversion attributed = attributedOnce(chargeback);

        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributed.getPublisherId()).isEqualTo("22");
        assertThat(attributed.getConversion().getAmount()).isEqualTo(money("50.00", "EUR"));
    }

    @Test
    void aDepositBeforeTheRegistrationWaitsForThePlayerLink() {
        Click click = send(click(unique("offer"), "23").build());
        String player = unique("user");
        ConversionReported deposit = send(conversion(ConversionKind.DEPOSIT).setOfferId(click.getOfferId())
            .setPlayerId(player)
            .setAmount(money("20", "USD"))
            .build());
        await().atMost(WAIT).until(() -> "PLAYER_NOT_LINKED".equals(reason(deposit)));

        send(conversion(ConversionKind.REGISTRATION).setClickId(click.getClickId()).setPlayerId(player).build());

        AttributedConversion attributed = attributedOnce(deposit);
        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(attributed.getPublisherId()).isEqualTo("23");
    }

    @Test
    void theSubIdNamesThePublisher() {
        String username = unique("joao");
        String publisherId = String.valueOf(System.nanoTime());
        kafka.send(Topics.PUBLISHERS.name(), publisherId, publisher(publisherId, username));
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from publishers where username = ?")
            .param(username).query(Long.class).single() == 1);
        String offer = unique("brazino");

        ConversionReported registration = send(conversion(ConversionKind.REGISTRATION).setOfferId(offer)
            .setSubId(username)
            .setAmount(money("0", "BRL"))
            .build());
        ConversionReported deposit = send(conversion(ConversionKind.DEPOSIT).setOfferId(offer)
            .setSubId(username)
            .setAmount(money("25.00", "BRL"))
            .build());

        for (ConversionReported conversion : List.of(registration, deposit)) {
            AttributedConversion attributed = attributedOnce(conversion);
            assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.SUB_ID);
            assertThat(attributed.getPublisherId()).isEqualTo(publisherId);
            assertThat(attributed.getWarning()).isNull();
            assertThat(record(attributed).key())
                .isEqualTo(offer + ":sub:" + username);
        }
    }

    @Test
    void anUnknownSubIdIsStillAttributedToTheOfferWithoutPublisher() {
        ConversionReported profit = send(conversion(ConversionKind.PROFIT).setOfferId(unique("bet365"))
            .setSubId(unique("nobody"))
            .setAmount(money("80.00", "BRL"))
            .build());

        AttributedConversion attributed = attributedOnce(profit);

        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.SUB_ID);
        assertThat(attributed.getPublisherId()).isNull();
        assertThat(attributed.getWarning()).contains("no publisher with username");
    }

    @Test
    void withoutClickIdTheMostRecentClickOfTheOfferWithinTheWindowIsUsedAndMarkedAsFallback() {
        String offer = unique("survey");
        send(click(offer, "31").setOccurredAt(Instant.now().minus(Duration.ofMinutes(30))).build());
        Click recent = send(click(offer, "32").setOccurredAt(Instant.now().minus(Duration.ofMinutes(5))).build());
        awaitStored(recent);

        ConversionReported conversion = send(conversion(ConversionKind.CONVERSION).setOfferId(offer)
            .setTransactionId("TXN-NOCLICKID")
            .setReportedPayout(money("7.00", "USD"))
            .build());

        AttributedConversion attributed = attributedOnce(conversion);
        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.FALLBACK);
        assertThat(attributed.getClickId()).isEqualTo(recent.getClickId());
        assertThat(attributed.getPublisherId()).isEqualTo("32");
        assertThat(attributed.getWarning()).contains("no click_id");
        assertThat(attributed.getGuessed()).isTrue();
    }

    @Test
    void theFallbackIgnoresClicksOlderThanTheWindow() {
        String offer = unique("survey");
        Click old = send(click(offer, "33").setOccurredAt(Instant.now().minus(Duration.ofMinutes(61))).build());
        awaitStored(old);

        ConversionReported conversion = send(conversion(ConversionKind.CONVERSION).setOfferId(offer).build());

        await().atMost(WAIT).until(() -> "NO_RECENT_CLICK".equals(reason(conversion)));
        assertThat(attributed(conversion.getEventId())).isEmpty();
    }

    @Test
    void aRegistrationWithoutClickIdIsLinkedByFallbackAndTheDepositsFollow() {
        String offer = unique("casino_pro");
        Click click = send(click(offer, "34").build());
        awaitStored(click);
        String player = unique("user");

        AttributedConversion registration = attributedOnce(send(conversion(ConversionKind.REGISTRATION)
            .setOfferId(offer)
            .setPlayerId(player)
            .build()));
        AttributedConversion deposit = attributedOnce(send(conversion(ConversionKind.DEPOSIT).setOfferId(offer)
            .setPlayerId(player)
            .setAmount(money("10", "USD"))
            .build()));

        assertThat(registration.getMethod()).isEqualTo(AttributionMethod.FALLBACK);
        assertThat(deposit.getMethod()).isEqualTo(AttributionMethod.PLAYER);
        assertThat(deposit.getClickId()).isEqualTo(click.getClickId());
        assertThat(deposit.getGuessed()).as("the link the deposit follows is itself a guess").isTrue();
        assertThat(deposit.getWarning()).contains("linked to click " + click.getClickId() + " by a fallback match");
    }

    @Test
    void aConversionBeforeItsClickIsParkedAndAttributedWhenTheClickArrives() {
        Click click = click(unique("offer"), "41").build();
        ConversionReported ftd = send(conversion(ConversionKind.FTD).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .build());
        await().atMost(WAIT).until(() -> "CLICK_NOT_FOUND".equals(reason(ftd)));
        assertThat(state(ftd)).isEqualTo("PENDING");

        send(click);

        AttributedConversion attributed = attributedOnce(ftd);
        assertThat(attributed.getMethod()).isEqualTo(AttributionMethod.CLICK_ID);
        assertThat(attributed.getPublisherId()).isEqualTo("41");
    }

    @Test
    void aLaterReportOfAConversionWaitsBehindAnEarlierOneStillParkedAndReachesTheTopicAfterIt() {
        Click click = click(unique("offer"), "44").build();
        String conversionId = "tx:" + unique("TXN");
        ConversionReported approved = send(conversion(ConversionKind.CONVERSION).setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setConversionId(conversionId)
            .build());
        await().atMost(WAIT).until(() -> "CLICK_NOT_FOUND".equals(reason(approved)));
        // The click is stored without its batch re-checking the parked approval (the race ClickStorageRaceTest
        // closes), so only the schedule will retry the approval.
        jdbc.sql("insert into clicks (click_id, offer_id, publisher_id, occurred_at) values (?, ?, ?, now())")
            .params(click.getClickId(), click.getOfferId(), click.getPublisherId())
            .update();

        ConversionReported rejected = send(conversion(ConversionKind.CONVERSION).setStatus(ConversionStatus.REJECTED)
            .setClickId(click.getClickId())
            .setOfferId(click.getOfferId())
            .setConversionId(conversionId)
            .build());

        ConsumerRecord<String, AttributedConversion> approval = record(attributedOnce(approved));
        ConsumerRecord<String, AttributedConversion> rejection = record(attributedOnce(rejected));
        assertThat(rejection.partition()).isEqualTo(approval.partition());
        assertThat(rejection.offset()).as("the rejection follows the approval it was accepted after")
            .isGreaterThan(approval.offset());
    }

    @Test
    void aConversionWhoseClickIsLateBeyondTheGracePeriodIsListedUnattributedThenAttributedWhenTheClickComes() {
        Click click = click(unique("offer"), "42").build();
        ConversionReported ftd = send(conversion(ConversionKind.FTD).setClickId(click.getClickId()).build());
        await().atMost(WAIT).until(() -> "UNATTRIBUTED".equals(state(ftd)));
        assertThat(reason(ftd)).isEqualTo("CLICK_NOT_FOUND");

        send(click);

        assertThat(attributedOnce(ftd).getPublisherId()).isEqualTo("42");
        assertThat(state(ftd)).isEqualTo("ATTRIBUTED");
    }

    @Test
    void aDuplicateInputEventIsAttributedOnce() {
        Click click = send(click(unique("offer"), "51").build());
        ConversionReported ftd = conversion(ConversionKind.FTD).setClickId(click.getClickId()).build();
        send(ftd);
        send(ftd);
        ConversionReported marker = send(conversion(ConversionKind.FTD).setClickId(click.getClickId()).build());

        attributedOnce(marker);
        await().atMost(WAIT).until(() -> !attributed(ftd.getEventId()).isEmpty());
        assertThat(attributed(ftd.getEventId())).hasSize(1);
        assertThat(jdbc.sql("select count(*) from conversions where event_id = ?")
            .param(ftd.getEventId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anUndecodableConversionGoesToTheDeadLetterTopicAndTheOthersAreStillAttributed() throws Exception {
        Click click = send(click(unique("offer"), "61").build());
        String key = click.getClickId();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", TestInfrastructure.kafka().bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.CONVERSIONS_REPORTED.name(), key, "{not avro}")).get();
        }
        ConversionReported after = send(conversion(ConversionKind.FTD).setClickId(click.getClickId()).build());

        attributedOnce(after);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                TestInfrastructure.kafka().bootstrapServers(), "group.id", unique("dlt"), "auto.offset.reset",
                "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.CONVERSIONS_REPORTED.deadLetterTopic()));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return new String(record.value()).equals("{not avro}");
                    }
                }
                return false;
            });
        }
    }

    private <T> T send(T record) {
        if (record instanceof Click click) {
            kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
        }
        else if (record instanceof ConversionReported conversion) {
            if (conversion.getOrderKey() == null) {
                conversion.setOrderKey(orderKey(conversion));
            }
            kafka.send(Topics.CONVERSIONS_REPORTED.name(), conversion.getOrderKey(), conversion);
        }
        return record;
    }

    /**
     * The Kafka key postback-service gives a conversion: its player, else its sub id, else the conversion, else its
     * click, else the offer.
     */
    static String orderKey(ConversionReported conversion) {
        if (conversion.getPlayerId() != null) {
            return conversion.getOfferId() + ":player:" + conversion.getPlayerId();
        }
        if (conversion.getSubId() != null) {
            return conversion.getOfferId() + ":sub:" + conversion.getSubId();
        }
        if (conversion.getConversionId() != null) {
            return conversion.getOfferId() + ":conversion:" + conversion.getConversionId();
        }
        return conversion.getClickId() != null ? conversion.getClickId() : conversion.getOfferId();
    }

    private void awaitStored(Click click) {
        await().atMost(WAIT).until(() -> jdbc.sql("select count(*) from clicks where click_id = ?")
            .param(click.getClickId()).query(Long.class).single() == 1);
    }

    private static ConsumerRecord<String, AttributedConversion> record(AttributedConversion attributed) {
        return TopicRecords.of(Topics.ATTRIBUTED_CONVERSIONS)
            .records(record -> record.value().getEventId().equals(attributed.getEventId()))
            .get(0);
    }

    private static AttributedConversion attributedOnce(ConversionReported conversion) {
        await().atMost(WAIT).until(() -> !attributed(conversion.getEventId()).isEmpty());
        List<AttributedConversion> attributed = attributed(conversion.getEventId());
        assertThat(attributed).hasSize(1);
        return attributed.get(0);
    }

    private String state(ConversionReported conversion) {
        return jdbc.sql("select state from conversions where event_id = ?")
            .param(conversion.getEventId()).query(String.class).optional().orElse(null);
    }

    private String reason(ConversionReported conversion) {
        return jdbc.sql("select reason from conversions where event_id = ?")
            .param(conversion.getEventId()).query(String.class).optional().orElse(null);
    }
}
