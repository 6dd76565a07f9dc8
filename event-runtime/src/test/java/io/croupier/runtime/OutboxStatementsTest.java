package io.croupier.runtime;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import io.croupier.embedded.EmbeddedInfrastructureInitializer;
import io.croupier.events.Click;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the outbox writes, seen by PostgreSQL itself: a statement-level trigger records, for every insert statement
 * into the outbox, its transaction and the keys it carried in id order, and refuses any row whose key says so.
 */
@SpringBootTest
@ContextConfiguration(initializers = EmbeddedInfrastructureInitializer.class)
class OutboxStatementsTest {

    @Autowired
    Outbox outbox;

    @Autowired
    Inbox inbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventRuntimeTestApplication.ClickCounter counter;

    @BeforeEach
    void watchOutboxStatements() {
        jdbc.sql("""
                create table if not exists outbox_statements_seen (
                    transaction_id bigint not null,
                    record_keys    text[] not null)""").update();
        jdbc.sql("""
                create or replace function outbox_statement_seen() returns trigger language plpgsql as $$
                begin
                    if exists (select 1 from inserted where record_key like 'refused-%') then
                        raise exception 'refused outbox row';
                    end if;
                    insert into outbox_statements_seen
                    select txid_current(), array_agg(record_key order by id) from inserted;
                    return null;
                end $$""").update();
        jdbc.sql("drop trigger if exists outbox_statement_seen on outbox_events").update();
        jdbc.sql("""
                create trigger outbox_statement_seen after insert on outbox_events
                referencing new table as inserted for each statement execute function outbox_statement_seen()""")
            .update();
    }

    @AfterEach
    void stopWatching() {
        jdbc.sql("drop trigger if exists outbox_statement_seen on outbox_events").update();
    }

    @Test
    void theEventsOfOneTransactionAreWrittenByOneStatementInAppendOrderAndAllRelayed() {
        List<Click> clicks = IntStream.range(0, 300).mapToObj(i -> TestClicks.forOffer("offer-1")).toList();
        AtomicLong transactionId = new AtomicLong();

        transactions.executeWithoutResult(status -> {
            transactionId.set(currentTransactionId());
            clicks.forEach(click -> outbox.append(Topics.CLICKS, click.getClickId(), click));
            assertThat(jdbc.sql("select count(*) from outbox_events where record_key = :key")
                .param("key", clicks.get(0).getClickId())
                .query(Long.class)
                .single()).as("held until the commit").isZero();
        });

        assertThat(statementsOf(transactionId.get()))
            .containsExactly(clicks.stream().map(Click::getClickId).toList());
        await().atMost(Duration.ofSeconds(30))
            .until(() -> counter.applied().containsAll(clicks.stream().map(Click::getClickId).toList()));
    }

    @Test
    void aRolledBackTransactionWritesNothing() {
        Click click = TestClicks.forOffer("offer-1");
        AtomicLong transactionId = new AtomicLong();

        transactions.executeWithoutResult(status -> {
            transactionId.set(currentTransactionId());
            outbox.append(Topics.CLICKS, click.getClickId(), click);
            status.setRollbackOnly();
        });

        assertThat(statementsOf(transactionId.get())).isEmpty();
        assertThat(jdbc.sql("select count(*) from outbox_events where record_key = :key")
            .param("key", click.getClickId())
            .query(Long.class)
            .single()).isZero();
    }

    @Test
    void anOutboxWriteThatFailsRollsItsWholeTransactionBack() {
        Click accepted = TestClicks.forOffer("offer-1");
        Click refused = TestClicks.forOffer("offer-1");
        String eventId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
            inbox.firstDelivery("outbox-statements-test", eventId);
            outbox.append(Topics.CLICKS, accepted.getClickId(), accepted);
            outbox.append(Topics.CLICKS, "refused-" + refused.getClickId(), refused);
        })).hasStackTraceContaining("refused outbox row");

        assertThat(jdbc.sql("select count(*) from processed_events where event_id = :id")
            .param("id", eventId)
            .query(Long.class)
            .single()).as("the transaction's other write").isZero();
        Click marker = TestClicks.forOffer("offer-1");
        transactions.executeWithoutResult(status -> outbox.append(Topics.CLICKS, marker.getClickId(), marker));
        await().atMost(Duration.ofSeconds(20)).until(() -> counter.applied().contains(marker.getClickId()));
        assertThat(counter.applied()).doesNotContain(accepted.getClickId(), refused.getClickId());
    }

    private long currentTransactionId() {
        return jdbc.sql("select txid_current()").query(Long.class).single();
    }

    private List<List<String>> statementsOf(long transactionId) {
        return jdbc.sql("select record_keys from outbox_statements_seen where transaction_id = :id")
            .param("id", transactionId)
            .query((row, i) -> List.of((String[]) row.getArray(1).getArray()))
            .list();
    }
}
