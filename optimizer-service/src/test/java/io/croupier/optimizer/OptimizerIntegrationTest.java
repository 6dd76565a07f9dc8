package io.croupier.optimizer;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Deal;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.Money;
import io.croupier.events.Offer;
import io.croupier.events.OfferPerformance;
import io.croupier.events.OfferWeights;
import io.croupier.optimizer.weights.WeightSet;
import io.croupier.schemas.Topics;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against the real broker and database, running the default policy. Every test starts from an empty
 * offer catalogue and empty performance tables (tests run one at a time and share one database), so a weight's scale,
 * which depends on every active offer, is exactly the test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "croupier.events.retry.max-retries=2", "croupier.events.retry.initial-interval=50ms",
                "logging.level.state.change.logger=WARN",
                // Tests drive the schedule through ScheduledRecalculation.runIfDue; no surprise sets mid-test.
                "croupier.optimizer.schedule-check-interval=PT1H" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public abstract class OptimizerIntegrationTest {

    protected static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

    protected static final Duration WINDOW = Duration.ofMinutes(5);

    private static final AtomicLong OFFER_IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 100);

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    @LocalServerPort
    int port;

    protected RestClient http;

    @BeforeEach
    void startFromAnEmptyCatalogue() {
        http = RestClient.builder()
            .baseUrl("http://localhost:" + port)
            .defaultHeader("Authorization", TestInfrastructure.issuer().bearer(TestIssuer.MANAGER))
            .build();
        jdbc.sql("truncate offers, offer_performance, offer_hours, revenue_entries").update();
    }

    protected long newOfferId() {
        return OFFER_IDS.incrementAndGet();
    }

    protected long offer(String name, boolean active) {
        long offerId = newOfferId();
        offer(offerId, name, active, Instant.now());
        return offerId;
    }

    protected void offer(long offerId, String name, boolean active, Instant updatedAt) {
        sendOffer(offerId, name, active, updatedAt);
        await().atMost(Duration.ofSeconds(20))
            .until(() -> jdbc
                .sql("select count(*) from offers where offer_id = :id and name = :name and active = :active")
                .param("id", offerId)
                .param("name", name)
                .param("active", active)
                .query(Long.class)
                .single() == 1);
    }

    protected void sendOffer(long offerId, String name, boolean active, Instant updatedAt) {
        Offer offer = Offer.newBuilder()
            .setOfferId(Long.toString(offerId))
            .setName(name)
            .setCasinoUrl("https://casino.example/register?click_id={click_id}")
            .setWeight(1.0)
            .setActive(active)
            .setPostbackSecret("secret-" + offerId)
            .setDeal(Deal.newBuilder()
                .setVersion(1)
                .setEffectiveFrom(T0)
                .setCpaAmount("100")
                .setCurrency("USD")
                .build())
            .setCreatedAt(T0)
            .setUpdatedAt(updatedAt)
            .build();
        send(Topics.OFFERS.name(), Long.toString(offerId), offer);
    }

    /** Window number {@code index} (5 minutes each from {@link #T0}), revision 1. */
    protected void window(long offerId, int index, long clicks, long ftds) {
        window(offerId, index, clicks, ftds, 1);
    }

    protected void window(long offerId, int index, long clicks, long ftds, long revision) {
        sendWindow(offerId, index, clicks, ftds, revision);
        awaitWindow(offerId, index, clicks, ftds);
    }

    protected void sendWindow(long offerId, int index, long clicks, long ftds, long revision) {
        send(Topics.OFFER_PERFORMANCE.name(), Long.toString(offerId),
                performance(offerId, windowStart(index), clicks, ftds, revision).build());
    }

    /** A window as attribution-service publishes it, starting at {@code start}, {@link #WINDOW} long. */
    protected static OfferPerformance.Builder performance(long offerId, Instant start, long clicks, long ftds,
            long revision) {
        return OfferPerformance.newBuilder()
            .setEventId("performance:" + offerId + ":" + start.toEpochMilli() + ":" + revision)
            .setOfferId(Long.toString(offerId))
            .setWindowStart(start)
            .setWindowEnd(start.plus(WINDOW))
            .setClicks(clicks)
            .setRegistrations(ftds * 3)
            .setFirstDeposits(ftds)
            .setRevision(revision);
    }

    protected void awaitWindow(long offerId, int index, long clicks, long ftds) {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> jdbc.sql("""
                    select count(*) from offer_performance
                    where offer_id = :id and window_start = :start and clicks = :clicks and first_deposits = :ftds""")
                .param("id", offerId)
                .param("start", Timestamp.from(windowStart(index)))
                .param("clicks", clicks)
                .param("ftds", ftds)
                .query(Long.class)
                .single() == 1);
    }

    protected static Instant windowStart(int index) {
        return T0.plus(WINDOW.multipliedBy(index));
    }

    /** Approved revenue earned one minute into window {@code index}. */
    protected String revenue(long offerId, int index, String amount, String currency) {
        return revenue(offerId, index, amount, currency, ConversionStatus.APPROVED);
    }

    protected String revenue(long offerId, int index, String amount, String currency, ConversionStatus status) {
        LedgerEntryRecorded entry = ledgerEntry(offerId, index, amount, currency, status);
        send(Topics.LEDGER_ENTRIES.name(), Long.toString(offerId), entry);
        awaitRevenueEntry(entry.getEntryId());
        return entry.getEntryId();
    }

    protected LedgerEntryRecorded ledgerEntry(long offerId, int index, String amount, String currency,
            ConversionStatus status) {
        return ledgerEntry(offerId, windowStart(index).plus(Duration.ofMinutes(1)), amount, currency, status);
    }

    /** A window starting at {@code start}, its first deposits {@code delays} after their clicks; stored before return. */
    protected void windowAt(long offerId, Instant start, long clicks, long ftds, List<Long> delays) {
        send(Topics.OFFER_PERFORMANCE.name(), Long.toString(offerId),
                performance(offerId, start, clicks, ftds, 1).setFirstDepositDelays(delays).build());
        await().atMost(Duration.ofSeconds(20))
            .until(() -> jdbc.sql("""
                    select count(*) from offer_performance
                    where offer_id = :id and window_start = :start and clicks = :clicks""")
                .param("id", offerId)
                .param("start", Timestamp.from(start))
                .param("clicks", clicks)
                .query(Long.class)
                .single() == 1);
    }

    /** Approved revenue that occurred at {@code occurredAt}; stored before return. */
    protected void revenueAt(long offerId, Instant occurredAt, String amount, String currency) {
        LedgerEntryRecorded entry = ledgerEntry(offerId, occurredAt, amount, currency, ConversionStatus.APPROVED);
        send(Topics.LEDGER_ENTRIES.name(), Long.toString(offerId), entry);
        awaitRevenueEntry(entry.getEntryId());
    }

    private static LedgerEntryRecorded ledgerEntry(long offerId, Instant occurredAt, String amount, String currency,
            ConversionStatus status) {
        String entryId = UUID.randomUUID().toString();
        return LedgerEntryRecorded.newBuilder()
            .setEventId("ledger:" + entryId)
            .setEntryId(entryId)
            .setInputEventId("attributed:postback:" + entryId)
            .setOfferId(Long.toString(offerId))
            .setKind(ConversionKind.FTD)
            .setStatus(status)
            .setRule("CPA_QUALIFIED")
            .setDealVersion(1)
            .setRevenue(new Money(amount, currency))
            .setPublisherPayout(new Money(new BigDecimal(amount).multiply(new BigDecimal("0.8")).toPlainString(),
                    currency))
            .setOccurredAt(occurredAt)
            .setRecordedAt(Instant.now())
            .build();
    }

    protected void awaitRevenueEntry(String entryId) {
        await().atMost(Duration.ofSeconds(20))
            .until(() -> jdbc.sql("select count(*) from revenue_entries where entry_id = :id")
                .param("id", entryId)
                .query(Long.class)
                .single() == 1);
    }

    protected void send(String topic, String key, SpecificRecord value) {
        try {
            kafka.send(topic, key, value).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    protected WeightSet updateWeights() {
        return http.post().uri("/admin/update-weights").retrieve().body(WeightSet.class);
    }

    protected static WeightSet.Entry entry(WeightSet set, long offerId) {
        return set.weights()
            .stream()
            .filter(entry -> entry.id() == offerId)
            .findFirst()
            .orElseThrow(() -> new AssertionError("offer " + offerId + " not in weight set " + set.weightSetId()));
    }

    /** The record of {@code weightSetId} on the offer-weights topic, once it shows up. */
    protected static OfferWeights published(long weightSetId) {
        ConsumerRecord<String, OfferWeights> record = TopicRecords.of(Topics.OFFER_WEIGHTS)
            .awaitRecords(published -> published.value().getWeightSetId().equals(Long.toString(weightSetId)), 1)
            .get(0);
        assertThat(record.key()).as("key of weight set " + weightSetId).isEqualTo(Topics.CURRENT_WEIGHTS_KEY);
        return record.value();
    }
}
