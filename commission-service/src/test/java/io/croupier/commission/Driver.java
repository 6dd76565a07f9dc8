package io.croupier.commission;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.ledger.LedgerQuery;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AdSpendRecorded;
import io.croupier.events.AttributedConversion;
import io.croupier.events.Deal;
import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.PayoutDue;
import io.croupier.events.PayoutTerms;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;

import static org.awaitility.Awaitility.await;

/** Feeds the service through its real topics and waits for what it records. */
public class Driver {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final KafkaTemplate<Object, Object> kafka;

    private final JdbcClient jdbc;

    private final Ledger ledger;

    public Driver(KafkaTemplate<Object, Object> kafka, JdbcClient jdbc, Ledger ledger) {
        this.kafka = kafka;
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /** Every payout announced to the publisher so far, as publisher-forwarder reads them. */
    public List<PayoutDue> payoutsTo(String publisherId) {
        return TopicRecords.of(Topics.PAYOUTS).values(payout -> payout.getPublisherId().equals(publisherId));
    }

    /** Every ledger entry announced so far for one input event, as optimizer-service reads them. */
    public List<LedgerEntryRecorded> announcedEntriesOf(String inputEventId) {
        return TopicRecords.of(Topics.LEDGER_ENTRIES).values(entry -> entry.getInputEventId().equals(inputEventId));
    }

    /** Publishes a deal version of a new or existing offer and waits until the service has stored it. */
    public String offer(String offerId, Deal deal) {
        send(Topics.OFFERS.name(), offerId, Events.offer(offerId, deal));
        await().atMost(PATIENCE)
            .until(() -> jdbc.sql("select count(*) from deal_versions where offer_id = :id and version = :v")
                .param("id", offerId)
                .param("v", deal.getVersion())
                .query(Long.class)
                .single() == 1);
        return offerId;
    }

    public String publisher(String publisherId, boolean offerwall, PayoutTerms terms,
            Map<String, PayoutTerms> offerTerms) {
        Instant updatedAt = Instant.parse("2020-01-01T00:00:00Z");
        send(Topics.PUBLISHERS.name(), publisherId,
                Events.publisher(publisherId, offerwall, terms, offerTerms, updatedAt));
        await().atMost(PATIENCE)
            .until(() -> jdbc.sql("select count(*) from publisher_versions where publisher_id = :id")
                .param("id", publisherId)
                .query(Long.class)
                .single() > 0);
        return publisherId;
    }

    /** Publishes a campaign's spend of a day as analytics-service does and waits until the replica has it. */
    public void adSpend(String campaign, LocalDate day, String amount, String currency) {
        Instant recordedAt = Instant.now();
        send(Topics.AD_SPEND.name(), campaign + "|" + day + "|" + currency, AdSpendRecorded.newBuilder()
            .setCampaign(campaign)
            .setDay(day)
            .setAmount(Events.money(amount, currency))
            .setRecordedAt(recordedAt)
            .build());
        await().atMost(PATIENCE)
            .until(() -> jdbc.sql("select count(*) from ad_spend where campaign = :c and day = :d and amount = :a")
                .param("c", campaign)
                .param("d", Date.valueOf(day))
                .param("a", new BigDecimal(amount))
                .query(Long.class)
                .single() == 1);
    }

    public void publish(AttributedConversion conversion) {
        send(Topics.ATTRIBUTED_CONVERSIONS.name(), key(conversion), conversion);
    }

    /** Publishes the conversion and returns every entry it caused: its own first, then reversals. */
    public List<LedgerEntry> process(AttributedConversion conversion) {
        publish(conversion);
        return entriesOf(conversion);
    }

    public List<LedgerEntry> entriesOf(AttributedConversion conversion) {
        await().atMost(PATIENCE).until(() -> !entries(conversion.getEventId()).isEmpty());
        return entries(conversion.getEventId());
    }

    public LedgerEntry main(AttributedConversion conversion) {
        return process(conversion).get(0);
    }

    public List<LedgerEntry> entries(String inputEventId) {
        return ledger.search(new LedgerQuery(inputEventId, null, null, null, null, null, null, 100, false));
    }

    /** The key event-flow.md prescribes: the player when known, else the sub id, else the click. */
    private static String key(AttributedConversion conversion) {
        if (conversion.getPlayerId() != null) {
            return conversion.getOfferId() + ":player:" + conversion.getPlayerId();
        }
        if (conversion.getConversion().getSubId() != null) {
            return conversion.getOfferId() + ":sub:" + conversion.getConversion().getSubId();
        }
        return conversion.getClickId();
    }

    private void send(String topic, String key, Object value) {
        try {
            kafka.send(topic, key, value).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }
}
