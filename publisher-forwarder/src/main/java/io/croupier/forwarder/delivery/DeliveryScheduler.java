package io.croupier.forwarder.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.croupier.forwarder.ForwarderSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives deliveries from the database: leases due ones (as many as there are idle workers, and never more than a few
 * per publisher) and hands them to the worker pool; the attempts the workers sent are settled in batches by one
 * settling thread, and a worker's slot is free again once its attempt is settled. It is woken when a payout is stored
 * and when attempts are settled, and also polls, which is how timed retries and other instances' expired leases are
 * picked up.
 */
@Component
class DeliveryScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryScheduler.class);

    private final DeliveryQueue deliveries;

    private final DeliveryAttempt attempt;

    private final AttemptSettlement settlement;

    private final ForwarderSettings.Delivery settings;

    private final Semaphore idleWorkers;

    private final int batchThreshold;

    private final AtomicBoolean pollQueued = new AtomicBoolean();

    private final Queue<SentAttempt> sent = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean settlementQueued = new AtomicBoolean();

    private volatile ExecutorService settler;

    private volatile ScheduledExecutorService poller;

    private volatile ExecutorService workers;

    DeliveryScheduler(DeliveryQueue deliveries, DeliveryAttempt attempt, AttemptSettlement settlement,
            ForwarderSettings properties) {
        this.deliveries = deliveries;
        this.attempt = attempt;
        this.settlement = settlement;
        this.settings = properties.delivery();
        this.idleWorkers = new Semaphore(settings.workers());
        this.batchThreshold = Math.max(1, settings.workers() / 4);
    }

    /** Asks for a poll soon; wake-ups while one is queued collapse into it. */
    void wakeUp() {
        ScheduledExecutorService current = poller;
        if (current != null && pollQueued.compareAndSet(false, true)) {
            try {
                current.execute(this::poll);
            }
            catch (RejectedExecutionException stopping) {
                pollQueued.set(false);
            }
        }
    }

    private void poll() {
        pollQueued.set(false);
        try {
            int idle = idleWorkers.availablePermits();
            while (idle > 0 && poller != null) {
                List<Delivery> leased = deliveries.claimDue(idle, settings.maxInFlightPerPublisher(),
                        settings.lease());
                leased.forEach(this::dispatch);
                if (leased.size() < idle) {
                    return;
                }
                idle = idleWorkers.availablePermits();
            }
        }
        catch (RuntimeException e) {
            log.warn("Could not lease due deliveries, retrying in {}: {}", settings.pollInterval(), e.toString());
        }
    }

    private void dispatch(Delivery delivery) {
        idleWorkers.acquireUninterruptibly();
        workers.execute(() -> {
            boolean toSettle = false;
            try {
                toSettle = attempt.run(delivery).map(sent::add).orElse(false);
            }
            catch (RuntimeException e) {
                // The lease runs out and the attempt is made again; nothing is lost.
                log.warn("Attempt of delivery {} failed before it was sent", delivery.id(), e);
            }
            finally {
                if (toSettle) {
                    settleSoon();
                }
                else {
                    workerFreed(1);
                }
            }
        });
    }

    /** Asks for a settlement; attempts sent while one is queued or running are settled by it or the next. */
    private void settleSoon() {
        if (settlementQueued.compareAndSet(false, true)) {
            try {
                settler.execute(this::settle);
            }
            catch (RejectedExecutionException stopped) {
                // Only an attempt that outlived the shutdown wait gets here: its lease runs out and it is made again.
                settlementQueued.set(false);
            }
        }
    }

    private void settle() {
        settlementQueued.set(false);
        List<SentAttempt> batch = new ArrayList<>();
        for (SentAttempt next = sent.poll(); next != null; next = sent.poll()) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            settlement.settle(batch);
        }
        finally {
            workerFreed(batch.size());
        }
    }

    private void workerFreed(int count) {
        idleWorkers.release(count);
        // Leasing costs one query however many rows it takes, so a busy pool leases in batches.
        if (idleWorkers.availablePermits() >= batchThreshold) {
            wakeUp();
        }
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(settings.workers(), threads("delivery-worker-"));
        settler = Executors.newSingleThreadExecutor(threads("delivery-settler-"));
        poller = Executors.newSingleThreadScheduledExecutor(threads("delivery-scheduler-"));
        poller.scheduleWithFixedDelay(this::poll, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets attempts in flight finish (up to the timeout) and settles them, so their outcome is recorded, not repeated. */
    @Override
    public void stop() {
        ScheduledExecutorService currentPoller = poller;
        poller = null;
        if (currentPoller == null) {
            return;
        }
        currentPoller.shutdownNow();
        try {
            finish(workers, settings.timeout().plusSeconds(5));
            // Queued settlements still run after shutdown; the workers that could queue more have ended.
            finish(settler, Duration.ofSeconds(10));
        }
        catch (InterruptedException e) {
            workers.shutdownNow();
            settler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void finish(ExecutorService executor, Duration within) throws InterruptedException {
        executor.shutdown();
        if (!executor.awaitTermination(within.toMillis(), TimeUnit.MILLISECONDS)) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return poller != null;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
