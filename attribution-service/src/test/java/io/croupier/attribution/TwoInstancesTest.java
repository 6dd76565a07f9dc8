package io.croupier.attribution;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.events.AttributionMethod;
import io.croupier.events.Click;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.OfferPerformance;
import io.croupier.schemas.Topics;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static io.croupier.attribution.TestEvents.attributed;
import static io.croupier.attribution.TestEvents.click;
import static io.croupier.attribution.TestEvents.conversion;
import static io.croupier.attribution.TestEvents.latestWindows;
import static io.croupier.attribution.TestEvents.money;
import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A second instance of the service in the same consumer group and database: the load is shared, nothing doubles. */
@AttributionServiceTest
class TwoInstancesTest {

    private static final int PLAYERS = 40;

    private static ConfigurableApplicationContext secondInstance;

    @Autowired
    KafkaTemplate<Object, Object> kafka;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaListenerEndpointRegistry firstInstanceListeners;

    @BeforeAll
    static void startSecondInstance() {
        secondInstance = new SpringApplicationBuilder(AttributionServiceApplication.class)
            .initializers(new EmbeddedInfrastructureInitializer())
            .properties("croupier.attribution.conversions.retry-interval=200ms",
                    "croupier.attribution.performance.publish-interval=300ms",
                    "logging.level.state.change.logger=WARN")
            // An argument, not a default property: attribution-service.properties's port 8083 wins over a default, and
            // on a shared machine a local stack may hold it.
            .run("--server.port=0");
    }

    @AfterAll
    static void stopSecondInstance() {
        secondInstance.close();
    }

    @Test
    void twoInstancesShareTheLoadWithTheSameTotalsAsOneAndNoDoubleAttribution() {
        KafkaListenerEndpointRegistry secondInstanceListeners = secondInstance
            .getBean(KafkaListenerEndpointRegistry.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> !conversionPartitions(firstInstanceListeners).isEmpty()
                && !conversionPartitions(secondInstanceListeners).isEmpty());

        Instant window = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(3));
        String offer = unique("offer");
        List<ConversionReported> sent = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            Click click = click(offer, "pub-" + (i % 3)).setOccurredAt(window.plusSeconds(1)).build();
            String player = unique("player");
            ConversionReported registration = conversion(ConversionKind.REGISTRATION)
                .setClickId(click.getClickId())
                .setPlayerId(player)
                .setOccurredAt(window.plusSeconds(2))
                .build();
            ConversionReported deposit = conversion(ConversionKind.DEPOSIT).setOfferId(offer)
                .setPlayerId(player)
                .setFirstDeposit(true)
                .setAmount(money("10.00", "USD"))
                .setOccurredAt(window.plusSeconds(3))
                .build();
            // Every other player's conversions overtake the click: they wait, on whichever instance got them.
            if (i % 2 == 0) {
                kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
            }
            kafka.send(Topics.CONVERSIONS_REPORTED.name(), click.getClickId(), registration);
            kafka.send(Topics.CONVERSIONS_REPORTED.name(), offer + ":player:" + player, deposit);
            if (i % 2 == 1) {
                kafka.send(Topics.CLICKS.name(), click.getClickId(), click);
            }
            sent.add(registration);
            sent.add(deposit);
        }

        await().atMost(Duration.ofSeconds(60))
            .until(() -> sent.stream().allMatch(c -> !attributed(c.getEventId()).isEmpty()));
        for (ConversionReported conversion : sent) {
            assertThat(attributed(conversion.getEventId())).hasSize(1);
        }
        assertThat(sent.stream().filter(c -> c.getKind() == ConversionKind.DEPOSIT)
            .map(c -> attributed(c.getEventId()).get(0).getMethod()))
            .containsOnly(AttributionMethod.PLAYER);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<OfferPerformance> windows = latestWindows(offer);
            assertThat(windows).hasSize(1);
            assertThat(windows.get(0).getClicks()).isEqualTo(PLAYERS);
            assertThat(windows.get(0).getRegistrations()).isEqualTo(PLAYERS);
            assertThat(windows.get(0).getFirstDeposits()).isEqualTo(PLAYERS);
            assertThat(windows.get(0).getDepositVolume()).singleElement()
                .satisfies(volume -> assertThat(volume.getAmount()).isEqualTo("400.00"));
        });
        assertThat(jdbc.sql("select count(*) from conversions where attributed_offer_id = ? and state = 'ATTRIBUTED'")
            .param(offer).query(Long.class).single()).isEqualTo(2L * PLAYERS);
    }

    private static List<TopicPartition> conversionPartitions(KafkaListenerEndpointRegistry registry) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            Collection<TopicPartition> assigned = container.getAssignedPartitions();
            if (assigned != null) {
                assigned.stream()
                    .filter(partition -> partition.topic().equals(Topics.CONVERSIONS_REPORTED.name()))
                    .forEach(partitions::add);
            }
        }
        return partitions;
    }
}
