package io.croupier.runtime.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.croupier.runtime.kafka.EventRuntimeSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka in id order, then deletes them. One instance relays at a time (a transaction
 * advisory lock per schema), so rows of one key are sent in the order they were written even with many instances. A
 * row is deleted only after the broker acknowledged it; if the relay dies in between, the row is sent again and the
 * consumer's inbox drops the repeat.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final KafkaTemplate<String, byte[]> kafka;

    private final EventRuntimeSettings.Outbox settings;

    private final AtomicBoolean drainQueued = new AtomicBoolean();

    private volatile ScheduledExecutorService executor;

    public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, byte[]> kafka,
            EventRuntimeSettings.Outbox settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.kafka = kafka;
        this.settings = settings;
    }

    /** Asks for a drain soon; many wake-ups while one is queued collapse into that one. */
    public void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current != null && drainQueued.compareAndSet(false, true)) {
            current.execute(this::drain);
        }
    }

    /** Relays until the table is empty or the broker fails; returns how many rows were sent. */
    public int drain() {
        drainQueued.set(false);
        int total = 0;
        try {
            int sent;
            do {
                sent = transactions.execute(status -> relayOneBatch());
                total += sent;
            }
            while (sent == settings.batchSize());
        }
        catch (RuntimeException e) {
            log.warn("Outbox relay could not reach Kafka, retrying in {}: {}", settings.pollInterval(), e.toString());
        }
        return total;
    }

    private int relayOneBatch() {
        Boolean locked = jdbc.sql("select pg_try_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
            .query(Boolean.class)
            .single();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        List<OutboxRow> rows = jdbc.sql("""
                select id, topic, record_key, payload from outbox_events order by id limit :limit""")
            .param("limit", settings.batchSize())
            .query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getString("topic"), rs.getString("record_key"),
                    rs.getBytes("payload")))
            .list();
        if (rows.isEmpty()) {
            return 0;
        }
        List<CompletableFuture<SendResult<String, byte[]>>> acknowledgements = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            acknowledgements.add(kafka.send(row.topic(), row.key(), row.payload()));
        }
        CompletableFuture.allOf(acknowledgements.toArray(CompletableFuture[]::new))
            .orTimeout(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .join();
        // Exactly the rows sent: a transaction that took a lower id and committed after the select is not among them.
        jdbc.sql("delete from outbox_events where id in (:sent)")
            .param("sent", rows.stream().map(OutboxRow::id).toList())
            .update();
        return rows.size();
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        Duration interval = settings.pollInterval();
        executor.scheduleWithFixedDelay(this::drain, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = executor;
        executor = null;
        if (current != null) {
            current.shutdown();
            try {
                current.awaitTermination(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private record OutboxRow(long id, String topic, String key, byte[] payload) {
    }
}
