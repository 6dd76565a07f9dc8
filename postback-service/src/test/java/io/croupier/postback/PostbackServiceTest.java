package io.croupier.postback;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.embedded.ServiceHttp;
import io.croupier.embedded.TestInfrastructure;
import io.croupier.embedded.TestIssuer;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.Money;
import io.croupier.events.Deal;
import io.croupier.events.Offer;
import io.croupier.events.Publisher;
import io.croupier.events.PayoutTerms;
import io.croupier.schemas.Topics;
import io.croupier.secrets.digest.SecretDigest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * What every test of this service shares: one Spring context on the real broker and database, HTTP calls, and
 * helpers to publish reference data and read what the service logged and emitted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "croupier.postback.commission-wait=3s",
        // The loopback is a trusted proxy (Tomcat's default internal proxies), so tests can send X-Forwarded-For.
        "server.forward-headers-strategy=native",
        "logging.level.state.change.logger=WARN" })
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
public abstract class PostbackServiceTest {

    private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() % 1_000_000 * 1000);

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TopicRecords<ConversionReported> REPORTED = TopicRecords.of(Topics.CONVERSIONS_REPORTED);

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected KafkaTemplate<Object, Object> kafka;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;

    @Autowired
    protected SecretDigest digests;

    /** Seed 003 answers wait for ledger entries read from the topic's end: be sure that reader is in place. */
    protected void awaitLedgerReader() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            MessageListenerContainer container = listeners.getListenerContainer("postback-service-commissions");
            return container != null && container.getAssignedPartitions() != null
                    && container.getAssignedPartitions().size() == Topics.LEDGER_ENTRIES.partitions();
        });
    }

    /** Plays commission-service: the ledger entry computed from the postback with this log id. */
    protected void publishLedgerEntry(String offerId, long logId, String revenue, String currency) {
        String entryId = id();
        Instant now = Instant.now();
        LedgerEntryRecorded entry = LedgerEntryRecorded.newBuilder()
            .setEventId("ledger:" + entryId)
            .setEntryId(entryId)
            .setInputEventId("attributed:postback:" + logId)
            .setPostbackLogId(logId)
            .setOfferId(offerId)
            .setKind(ConversionKind.DEPOSIT)
            .setStatus(ConversionStatus.APPROVED)
            .setRule("TEST")
            .setDealVersion(1)
            .setRevenue(new Money(revenue, currency))
            .setPublisherPayout(new Money(revenue, currency))
            .setOccurredAt(now)
            .setRecordedAt(now)
            .build();
        kafka.send(Topics.LEDGER_ENTRIES.name(), offerId, entry).join();
    }

    /** Sends the postback and, once it is logged, plays commission-service: a ledger entry with this revenue. */
    protected Answer answeredWithCommission(TestOffer house, String url, String revenue) {
        long before = jdbc.sql("select coalesce(max(id), 0) from postback_logs").query(Long.class).single();
        CompletableFuture<Answer> answer = CompletableFuture.supplyAsync(() -> get(url));
        long logId = await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                select coalesce(max(id), 0) from postback_logs
                where id > :before and offer_id = :offer and outcome in ('SUCCESS', 'DUPLICATE')""")
            .param("before", before)
            .param("offer", house.id())
            .query(Long.class)
            .single(), id -> id > 0);
        publishLedgerEntry(house.id(), logId, revenue, house.currency());
        return answer.join();
    }

    /** A fresh name, unique across tests sharing the database and broker. */
    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    public record Answer(int status, JsonNode body, String text, HttpHeaders headers) {

        /** The log id, whether the format answers it as a number or (seed 004) as a string. */
        public long logId() {
            JsonNode id = body.has("log_id") ? body.get("log_id") : body.get("logId");
            return Long.parseLong(id.asString());
        }
    }

    protected Answer get(String pathAndQuery, String... headers) {
        return answer(asCaller(pathAndQuery).get(encoded(pathAndQuery), headers));
    }

    protected Answer postJson(String path, String json, String... headers) {
        return answer(asCaller(path).withHeaders(headers).post(encoded(path), json));
    }

    protected Answer putJson(String path, String json) {
        return answer(asCaller(path).put(encoded(path), json));
    }

    protected Answer postForm(String path, String form) {
        return answer(new ServiceHttp(port).form(encoded(path), form));
    }

    /**
     * Casinos call the seeds' endpoints anonymously; the operator paths ({@code /admin/...}) are called as a manager
     * would, with the test issuer's token.
     */
    private ServiceHttp asCaller(String pathAndQuery) {
        return new ServiceHttp(port,
                pathAndQuery.startsWith("/admin/") ? TestInfrastructure.issuer().token(TestIssuer.MANAGER) : null);
    }

    /** Braces are what an unfilled macro template sends; a client percent-encodes them. */
    private static String encoded(String pathAndQuery) {
        return pathAndQuery.replace("{", "%7B").replace("}", "%7D");
    }

    private static Answer answer(ServiceHttp.Answer answer) {
        String text = answer.body();
        return new Answer(answer.status(), text.isEmpty() ? null : answer.json(), text, answer.response().headers());
    }

    /** Publishes an offer and waits until this service knows it. */
    protected TestOffer offer(String houseSlug, String currency) {
        String id = Long.toString(SEQUENCE.incrementAndGet());
        TestOffer offer = new TestOffer(id, "Casino " + id, unique("secret"), houseSlug, unique("key"), currency);
        publish(offer, true);
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("select count(*) from offers where offer_id = :id")
            .param("id", id).query(Long.class).single() == 1);
        return offer;
    }

    protected void publish(TestOffer offer, boolean active) {
        Instant now = Instant.now();
        Offer record = Offer.newBuilder()
            .setOfferId(offer.id())
            .setName(offer.name())
            .setCasinoUrl("https://casino.example/register")
            .setWeight(1.0)
            .setActive(active)
            .setHouseSlug(offer.houseSlug())
            .setPartnerKeyDigest(digests.digest(offer.partnerKey()))
            .setPostbackSecretDigest(digests.digest(offer.secret()))
            .setDeal(Deal.newBuilder().setVersion(1).setEffectiveFrom(now).setCurrency(offer.currency()).build())
            .setCreatedAt(now)
            .setUpdatedAt(now)
            .build();
        kafka.send(Topics.OFFERS.name(), offer.id(), record).join();
    }

    protected void publishPublisher(String username) {
        String id = Long.toString(SEQUENCE.incrementAndGet());
        Publisher publisher = Publisher.newBuilder()
            .setPublisherId(id)
            .setName(username)
            .setUsername(username)
            .setActive(true)
            .setTerms(PayoutTerms.newBuilder().build())
            .setUpdatedAt(Instant.now())
            .build();
        kafka.send(Topics.PUBLISHERS.name(), id, publisher).join();
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "select count(*) from publishers where username = :username").param("username", username)
            .query(Long.class).single() == 1);
    }

    public record TestOffer(String id, String name, String secret, String houseSlug, String partnerKey,
            String currency) {
    }

    public record LogRow(long id, String outcome, String message, String offerId, String eventId, String query,
            String body, Long duplicateOf) {
    }

    protected LogRow logRow(long id) {
        return jdbc.sql("""
                select id, outcome, message, offer_id, event_id, query, body, duplicate_of
                from postback_logs where id = :id""")
            .param("id", id)
            .query((rs, n) -> new LogRow(rs.getLong("id"), rs.getString("outcome"), rs.getString("message"),
                    rs.getString("offer_id"), rs.getString("event_id"), rs.getString("query"), rs.getString("body"),
                    (Long) rs.getObject("duplicate_of")))
            .single();
    }

    /** The event a postback produced, once it has reached the broker. */
    protected ConversionReported delivered(long logId) {
        String eventId = "postback:" + logId;
        return REPORTED.awaitValues(reported -> reported.getEventId().equals(eventId), 1).get(0);
    }

    protected static List<ConsumerRecord<String, ConversionReported>> deliveredWhere(
            Predicate<ConversionReported> filter) {
        return REPORTED.records(record -> filter.test(record.value()));
    }

    protected static Optional<ConsumerRecord<String, ConversionReported>> deliveredRecord(long logId) {
        String eventId = "postback:" + logId;
        return REPORTED.records(record -> record.value().getEventId().equals(eventId)).stream().findFirst();
    }

    protected static String id() {
        return UUID.randomUUID().toString();
    }
}
