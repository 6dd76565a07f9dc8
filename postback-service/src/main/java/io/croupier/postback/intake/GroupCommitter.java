package io.croupier.postback.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.function.LongConsumer;

import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: accepted postbacks queue here, and whoever commits takes everything waiting and records it in one
 * transaction ({@link PostbackRecorder#recordAll}), so one commit (one fsync) and a few multi-row statements make a
 * whole batch durable. A postback's answer is completed only after the commit that holds it. A batch keeps arrival
 * order, so of two copies in one batch the first is accepted and the second answered as its duplicate.
 * <p>
 * There is no committer thread: the request threads take turns (leader and followers, as PostgreSQL's own group
 * commit). A request that finds a free turn (at most {@code committers} at once) commits the queue, its own postback
 * with the others; the rest wait for their answer or for a turn. The work is done by threads that are running anyway,
 * so on a machine whose cores are shared no lone thread becomes the queue that the scheduler starves.
 * <p>
 * A postback that fails rolls its batch back, and then every postback of the batch is recorded alone, so the one that
 * failed gets its own answer (its error) and the others commit. A refused one (a replayed signature) writes nothing
 * and does not fail its batch.
 * <p>
 * Stopping refuses new postbacks ({@link Busy}) and commits everything already queued before it returns; it runs after
 * the web server's graceful shutdown, so the calls still in flight there are answered first.
 * <p>
 * With {@code croupier.postback.group-commit.enabled=false} every postback commits in a transaction of its own on its
 * request thread, as before group commit (the benchmark's reference).
 */
@Component
class GroupCommitter implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(GroupCommitter.class);

    private final PostbackRecorder recorder;

    private final PostbackSettings.GroupCommit settings;

    private final BlockingQueue<Pending> queue;

    private final Semaphore turns;

    /** Waiters sleep on it; whoever ends a turn wakes them, to find their answer or take the next turn. */
    private final Object turnEnded = new Object();

    /** Held while admitting a postback, so that nothing is queued after stopping has begun. */
    private final Object admission = new Object();

    private boolean accepting;

    private volatile boolean running;

    GroupCommitter(PostbackRecorder recorder, PostbackSettings settings) {
        this.recorder = recorder;
        this.settings = settings.groupCommit();
        this.queue = new ArrayBlockingQueue<>(this.settings.queueCapacity());
        this.turns = new Semaphore(this.settings.committers());
    }

    /**
     * Records the postback and returns once it is committed. A wait longer than the answer timeout is answered
     * {@link Busy}: the postback may still commit, and the sender's retry is then its duplicate.
     */
    Receipt.Accepted record(InboundCall call, PostbackFormat format, Conversion conversion, LongConsumer beforeCommit) {
        if (!settings.enabled()) {
            return recorder.record(call, format, conversion, beforeCommit);
        }
        CompletableFuture<Receipt.Accepted> receipt = submit(call, format, conversion, beforeCommit);
        long deadline = System.nanoTime() + settings.answerTimeout().toNanos();
        while (!receipt.isDone()) {
            if (turns.tryAcquire()) {
                try {
                    commitWaiting();
                }
                finally {
                    endTurn();
                }
            }
            else if (!awaitTurn(receipt, deadline)) {
                throw new Busy();
            }
        }
        try {
            return receipt.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /** Queues the postback; its receipt completes once its batch has committed, or with the failure it met alone. */
    CompletableFuture<Receipt.Accepted> submit(InboundCall call, PostbackFormat format, Conversion conversion,
            LongConsumer beforeCommit) {
        Pending pending = new Pending(new PostbackToRecord(call, format, conversion, beforeCommit),
                new CompletableFuture<>());
        synchronized (admission) {
            if (!accepting || !queue.offer(pending)) {
                throw new Busy();
            }
        }
        return pending.receipt();
    }

    /** {@code false} when the deadline passed first. */
    private boolean awaitTurn(CompletableFuture<Receipt.Accepted> receipt, long deadline) {
        synchronized (turnEnded) {
            while (!receipt.isDone() && turns.availablePermits() == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    turnEnded.wait(Math.max(1, left / 1_000_000));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private void endTurn() {
        turns.release();
        synchronized (turnEnded) {
            turnEnded.notifyAll();
        }
    }

    private void commitWaiting() {
        List<Pending> batch = new ArrayList<>(Math.min(queue.size() + 1, settings.maxBatchSize()));
        queue.drainTo(batch, settings.maxBatchSize());
        if (!batch.isEmpty()) {
            commit(batch);
        }
    }

    /**
     * Commits the batch in one transaction and answers each postback after it. When the batch fails, every postback
     * of it is recorded alone, so the one that failed gets its own failure and the others commit.
     */
    void commit(List<Pending> batch) {
        List<Recorded> results;
        try {
            results = recorder.recordAll(batch.stream().map(Pending::postback).toList());
        }
        catch (RuntimeException failure) {
            logger.warn("a batch of {} postbacks failed ({}); recording each alone", batch.size(), failure.toString());
            batch.forEach(this::commitAlone);
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Recorded result = results.get(i);
            if (result.refusal() != null) {
                batch.get(i).receipt().completeExceptionally(result.refusal());
            }
            else {
                batch.get(i).receipt().complete(result.receipt());
            }
        }
    }

    private void commitAlone(Pending pending) {
        PostbackToRecord postback = pending.postback();
        try {
            pending.receipt().complete(recorder.record(postback.call(), postback.format(), postback.conversion(),
                    postback.beforeCommit()));
        }
        catch (RuntimeException failure) {
            pending.receipt().completeExceptionally(failure);
        }
    }

    @Override
    public void start() {
        synchronized (admission) {
            accepting = settings.enabled();
        }
        running = true;
    }

    /** Refuses what comes next, then commits what is queued (waiting callers may be committing it too). */
    @Override
    public void stop() {
        synchronized (admission) {
            accepting = false;
        }
        while (!queue.isEmpty()) {
            turns.acquireUninterruptibly();
            try {
                commitWaiting();
            }
            finally {
                endTurn();
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** After the web server (its graceful shutdown is {@code DEFAULT_PHASE - 1024}, its stop lower still). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    record Pending(PostbackToRecord postback, CompletableFuture<Receipt.Accepted> receipt) {
    }

    /** The queue is full or the service is stopping: nothing was recorded, the sender should try again later. */
    static final class Busy extends RuntimeException {

        Busy() {
            super("the postback queue is full or the service is stopping", null, false, false);
        }
    }
}
