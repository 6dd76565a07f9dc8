package io.croupier.attribution.conversion;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import io.croupier.attribution.AttributionServiceTest;
import io.croupier.embedded.TopicRecords;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import io.croupier.events.PostbackFormat;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.croupier.attribution.TestEvents.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same random conversions, applied once against a poll's standing read at once and once with a statement per
 * fact (the path before it), leave exactly the same decisions, player links, waiting keys and attributed conversions,
 * in the same order. Each run has its own ids (clicks, offers, players, events), so the two never meet; everything is
 * read inside the applying transaction, before the scheduled re-check can touch it.
 */
@AttributionServiceTest
class PollAtOnceEquivalenceTest {

    private static final int CONVERSIONS = 400;

    private static final int CLICKS = 40;

    private static final int STORED_CLICKS = 30;

    private static final int PLAYERS = 30;

    private static final int OFFERS = 3;

    private static final int CONVERSION_IDS = 25;

    private static final List<ConversionKind> KINDS = List.of(ConversionKind.values());

    private static final TopicRecords<AttributedConversion> ATTRIBUTED = TopicRecords.of(
            Topics.ATTRIBUTED_CONVERSIONS);

    @Autowired
    ConversionAttribution attribution;

    @Autowired
    Standings standings;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPollAppliedAtOnceLeavesExactlyWhatAStatementPerFactLeaves() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (long seed = 1; seed <= 3; seed++) {
            String atOnceRun = unique("atonce");
            String perRecordRun = unique("record");
            List<String> atOnce = run(atOnceRun, seed, now, standings::readAtOnce);
            List<String> perRecord = run(perRecordRun, seed, now, poll -> standings.perRecord());

            assertThat(atOnce).as("seed %d", seed).containsExactlyElementsOf(perRecord);
            assertThat(atOnce).as("every path of the attributor is taken")
                .anyMatch(line -> line.contains("method=CLICK_ID"))
                .anyMatch(line -> line.contains("method=PLAYER"))
                .anyMatch(line -> line.contains("method=FALLBACK"))
                .anyMatch(line -> line.contains("reason=PLAYER_NOT_LINKED"))
                .anyMatch(line -> line.contains("reason=CLICK_NOT_FOUND"))
                .anyMatch(line -> line.contains("reason=WAITING_FOR_EARLIER"))
                .anyMatch(line -> line.contains("reason=SECRET_OFFER_MISMATCH"))
                .anyMatch(line -> line.contains("firstDeposit=true"));
        }
    }

    /** Applies the run's conversions in one transaction and describes what they left, with the run's id replaced. */
    private List<String> run(String run, long seed, Instant now,
            Function<List<ConversionReported>, Standing> standing) {
        storeClicks(run, now);
        List<ConversionReported> poll = conversions(run, new Random(seed), now);
        List<String> left = transactions.execute(status -> {
            attribution.apply(poll, standing.apply(poll));
            List<String> described = new ArrayList<>();
            described.addAll(decisions(run));
            described.addAll(links(run));
            described.addAll(waitingKeys(run));
            return described;
        });
        long attributed = left.stream().filter(line -> line.startsWith("conversion ") && line.contains(
                "state=ATTRIBUTED")).count();
        List<String> described = new ArrayList<>(left);
        described.addAll(emitted(run, (int) attributed));
        return described.stream().map(line -> line.replace(run, "RUN")).toList();
    }

    private void storeClicks(String run, Instant now) {
        for (int i = 0; i < STORED_CLICKS; i++) {
            // Two minutes apart, so the fallback's one-hour window holds the newest 30 minutes of them.
            jdbc.sql("""
                    insert into clicks (click_id, offer_id, publisher_id, source, sub1, occurred_at)
                    values (?, ?, ?, 'src', ?, ?)""")
                .params(run + "-c" + i, run + "-o" + i % OFFERS, "p" + i % 5, "s" + i,
                        Timestamp.from(now.minus(Duration.ofMinutes(2L * i))))
                .update();
        }
    }

    private static List<ConversionReported> conversions(String run, Random random, Instant now) {
        long firstLogId = Math.abs(run.hashCode()) * 1_000_000L;
        List<ConversionReported> conversions = new ArrayList<>();
        for (int i = 0; i < CONVERSIONS; i++) {
            ConversionKind kind = KINDS.get(random.nextInt(KINDS.size()));
            ConversionReported.Builder conversion = ConversionReported.newBuilder()
                .setEventId(run + "-e" + i)
                .setPostbackLogId(firstLogId + i)
                .setFormat(PostbackFormat.GAMING_WEBHOOK)
                .setKind(kind)
                .setStatus(random.nextInt(10) == 0 ? ConversionStatus.REJECTED : ConversionStatus.APPROVED)
                .setOccurredAt(now)
                .setReceivedAt(now);
            int click = random.nextInt(CLICKS);
            if (random.nextInt(10) < 4) {
                conversion.setClickId(run + "-c" + click);
                int offer = random.nextInt(10);
                if (offer < 5) {
                    conversion.setOfferId(run + "-o" + click % OFFERS);
                }
                else if (offer == 5) {
                    conversion.setOfferId(run + "-o" + (click + 1) % OFFERS);
                }
            }
            else if (random.nextInt(10) < 9) {
                conversion.setOfferId(run + "-o" + random.nextInt(OFFERS));
            }
            if (random.nextInt(10) < 8) {
                conversion.setPlayerId(run + "-u" + random.nextInt(PLAYERS));
            }
            if (random.nextInt(5) == 0) {
                conversion.setConversionId(run + "-x" + random.nextInt(CONVERSION_IDS));
            }
            if (kind == ConversionKind.DEPOSIT || kind == ConversionKind.FTD || kind == ConversionKind.PROFIT) {
                conversion.setAmount(new Money(random.nextInt(500) + ".00", "EUR"));
            }
            if (kind == ConversionKind.DEPOSIT && random.nextBoolean()) {
                conversion.setFirstDeposit(random.nextBoolean());
            }
            conversion.setOrderKey(run + "-key-" + (conversion.getPlayerId() != null ? conversion.getPlayerId()
                    : conversion.getClickId() != null ? conversion.getClickId() : conversion.getOfferId()));
            conversions.add(conversion.build());
        }
        return conversions;
    }

    private List<String> decisions(String run) {
        return jdbc.sql("""
                select event_id, state, reason, method, attributed_offer_id, publisher_id, attributed_click_id,
                       warning, guessed, checks, next_check_at is not null as rechecked
                  from conversions where event_id like ? order by postback_log_id""")
            .param(run + "-e%")
            .query((rs, n) -> "conversion " + rs.getString("event_id") + " state=" + rs.getString("state")
                    + " reason=" + rs.getString("reason") + " method=" + rs.getString("method") + " offer="
                    + rs.getString("attributed_offer_id") + " publisher=" + rs.getString("publisher_id") + " click="
                    + rs.getString("attributed_click_id") + " warning=" + rs.getString("warning") + " guessed="
                    + rs.getBoolean("guessed") + " checks=" + rs.getInt("checks") + " rechecked="
                    + rs.getBoolean("rechecked"))
            .list();
    }

    private List<String> links(String run) {
        return jdbc.sql("""
                select offer_id, player_id, click_id, publisher_id, sub1, method, linked_by, deposited,
                       first_deposit_counted
                  from player_links where player_id like ? order by offer_id, player_id""")
            .param(run + "-u%")
            .query((rs, n) -> "link " + rs.getString("offer_id") + "/" + rs.getString("player_id") + " click="
                    + rs.getString("click_id") + " publisher=" + rs.getString("publisher_id") + " sub1="
                    + rs.getString("sub1") + " method=" + rs.getString("method") + " by="
                    + rs.getString("linked_by") + " deposited=" + rs.getBoolean("deposited") + " counted="
                    + rs.getBoolean("first_deposit_counted"))
            .list();
    }

    private List<String> waitingKeys(String run) {
        return jdbc.sql("""
                select order_key, event_id, reason from waiting_order_keys where event_id like ?
                 order by postback_log_id, order_key""")
            .param(run + "-e%")
            .query((rs, n) -> "waiting " + rs.getString("event_id") + " under " + rs.getString("order_key")
                    + " reason=" + rs.getString("reason"))
            .list();
    }

    /**
     * The attributed conversions the outbox sent once the poll committed (it writes them just before the commit), each
     * key's in the order they were appended: the order Kafka keeps for a key.
     */
    private List<String> emitted(String run, int attributed) {
        Predicate<ConsumerRecord<String, AttributedConversion>> ofTheRun = record -> record.key().startsWith(run
                + "-key-");
        ATTRIBUTED.awaitRecords(ofTheRun, attributed);
        Map<String, List<String>> byKey = new TreeMap<>();
        for (ConsumerRecord<String, AttributedConversion> record : ATTRIBUTED.awaitQuiet(ofTheRun,
                Duration.ofSeconds(1))) {
            AttributedConversion conversion = record.value();
            byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add("emitted " + conversion.getEventId()
                    + " key=" + record.key() + " offer=" + conversion.getOfferId() + " publisher="
                    + conversion.getPublisherId() + " click=" + conversion.getClickId() + " player="
                    + conversion.getPlayerId() + " tracking=" + conversion.getTracking() + " method="
                    + conversion.getMethod() + " warning=" + conversion.getWarning() + " guessed="
                    + conversion.getGuessed() + " firstDeposit=" + conversion.getFirstDeposit());
        }
        return byKey.values().stream().flatMap(List::stream).toList();
    }
}
