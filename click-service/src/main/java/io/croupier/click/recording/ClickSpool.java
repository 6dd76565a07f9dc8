package io.croupier.click.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.croupier.click.ClickServiceSettings;
import io.croupier.events.Click;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a click goes when the producer gave up on it (broker unreachable past the delivery timeout, buffer full,
 * producer closed): into the transactional outbox, whose relay sends it once the broker is back. The producer's
 * callback only queues the click in memory; one thread writes the queue to the database in batches. A click is lost
 * only when this queue overflows or the service dies with clicks still in it, and both are counted and logged.
 */
@Component
class ClickSpool implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ClickSpool.class);

    private static final int BATCH = 500;

    /** Stops after the click producer, whose closing may still hand over clicks. */
    static final int PHASE = ClickPublisher.PHASE - 1024;

    private final BlockingQueue<Click> queue;

    private final Outbox outbox;

    private final TransactionTemplate transactions;

    private final Counter spooled;

    private final Counter lost;

    private volatile Thread writer;

    private volatile boolean running;

    ClickSpool(Outbox outbox, TransactionTemplate transactions, ClickServiceSettings properties,
            MeterRegistry meters) {
        this.queue = new ArrayBlockingQueue<>(properties.publishing().spoolCapacity());
        this.outbox = outbox;
        this.transactions = transactions;
        this.spooled = Counter.builder("croupier.clicks.spooled")
            .description("Clicks the producer gave up on, written to the outbox instead")
            .register(meters);
        this.lost = Counter.builder("croupier.clicks.lost")
            .description("Clicks neither the broker nor the outbox took")
            .register(meters);
    }

    /** Never blocks: called from the producer's I/O thread and from request threads. */
    void add(Click click, Exception cause) {
        if (queue.offer(click)) {
            log.debug("Click {} spooled to the outbox: {}", click.getClickId(), cause.toString());
            return;
        }
        lost.increment();
        log.error("Click {} lost: the broker refused it ({}) and the spool is full", click.getClickId(),
                cause.toString());
    }

    private void writeUntilStopped() {
        List<Click> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Click first = queue.poll(200, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, BATCH - 1);
                }
                write(batch);
                batch.clear();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            catch (RuntimeException e) {
                // The database is unreachable too: keep the batch and retry, the queue absorbs the meantime.
                log.warn("Could not spool {} clicks to the outbox, retrying: {}", batch.size(), e.toString());
                if (!running) {
                    break;
                }
                pause();
            }
        }
        if (!batch.isEmpty() || !queue.isEmpty()) {
            int count = batch.size() + queue.size();
            lost.increment(count);
            log.error("{} clicks lost at shutdown: neither the broker nor the database took them", count);
        }
    }

    private void write(List<Click> batch) {
        transactions.executeWithoutResult(status -> {
            for (Click click : batch) {
                outbox.append(Topics.CLICKS, click.getClickId(), click);
            }
        });
        spooled.increment(batch.size());
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(500);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void start() {
        running = true;
        writer = new Thread(this::writeUntilStopped, "click-spool");
        writer.setDaemon(true);
        writer.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread current = writer;
        if (current != null) {
            try {
                current.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer = null;
    }

    @Override
    public boolean isRunning() {
        return writer != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
