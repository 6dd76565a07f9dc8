package io.croupier.postback.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import io.croupier.events.PostbackFormat;
import io.croupier.postback.PostbackSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit: accepted postbacks queue here, and each committer thread records as many of them as are waiting in
 * one transaction ({@link PostbackRecorder#recordAll}), so one commit (one fsync) and a few multi-row statements make
 * a whole batch durable. A postback's answer is completed only after the commit that holds it. A batch keeps arrival
 * order, so of two copies in one batch the first is accepted and the second answered as its duplicate.
 * <p>
 * A postback that fails rolls its batch back, and then every postback of the batch is recorded alone, so the one
 * that failed gets its own answer (its error) and the others commit. A refused one (a replayed signature) writes
 * nothing and does not fail its batch.
 * <p>
 * Stopping refuses new postbacks ({@link Busy}), commits everything already queued, then lets the threads end: it
 * runs after the web server's graceful shutdown, so the calls still in flight there are answered first.
 * <p>
 * With {@code croupier.postback.group-commit.enabled=false} every postback commits in a transaction of its own on
 * the request thread, as before group commit (the benchmark's reference).
 */
@Component
class GroupCommitter implements SmartLifecycle {

    private static final Logger logger = LoggerFactory.getLogger(GroupCommitter.class);

    private final PostbackRecorder recorder;

    private final PostbackSettings.GroupCommit settings;

    private final BlockingQueue<Pending> queue;

    private final List<Thread> committers = new ArrayList<>();

    private volatile boolean accepting;

    GroupCommitter(PostbackRecorder recorder, PostbackSettings settings) {
        this.recorder = recorder;
        this.settings = settings.groupCommit();
        this.queue = new ArrayBlockingQueue<>(this.settings.queueCapacity());
    }

    /**
     * Records the postback and returns once it is committed. A wait longer than the answer timeout is answered
     * {@link Busy}: the postback may still commit, and the sender's retry is then its duplicate.
     */
    Receipt.Accepted record(InboundCall call, PostbackFormat format, Conversion conversion, LongConsumer beforeCommit) {
        if (!settings.enabled()) {
            return recorder.record(call, format, conversion, beforeCommit);
        }
        try {
            return submit(call, format, conversion, beforeCommit)
                .get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
        catch (TimeoutException e) {
            throw new Busy();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
    }

    /** The postback's receipt once its batch has committed, or the failure it met when recorded alone. */
    CompletableFuture<Receipt.Accepted> submit(InboundCall call, PostbackFormat format, Conversion conversion,
            LongConsumer beforeCommit) {
        Pending pending = new Pending(new PostbackToRecord(call, format, conversion, beforeCommit),
                new CompletableFuture<>());
        if (!accepting || !queue.offer(pending)) {
            throw new Busy();
        }
        return pending.receipt();
    }

    @Override
    public synchronized void start() {
        if (!settings.enabled()) {
            return;
        }
        accepting = true;
        for (int i = 0; i < settings.committers(); i++) {
            Thread committer = new Thread(this::commitUntilStopped, "postback-committer-" + i);
            committer.start();
            committers.add(committer);
        }
    }

    @Override
    public synchronized void stop() {
        accepting = false;
        for (Thread committer : committers) {
            try {
                committer.join();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        committers.clear();
    }

    @Override
    public boolean isRunning() {
        return !committers.isEmpty();
    }

    /** After the web server (its graceful shutdown is {@code DEFAULT_PHASE - 1024}, its stop lower still). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void commitUntilStopped() {
        List<Pending> batch = new ArrayList<>(settings.maxBatchSize());
        while (accepting || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, settings.maxBatchSize() - 1);
                commit(batch);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            catch (RuntimeException e) {
                // Never lets one batch end the thread: its postbacks are answered with the failure.
                logger.error("group commit of {} postbacks failed", batch.size(), e);
                batch.forEach(pending -> pending.receipt().completeExceptionally(e));
            }
            finally {
                batch.clear();
            }
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

    record Pending(PostbackToRecord postback, CompletableFuture<Receipt.Accepted> receipt) {
    }

    /** The queue is full or the service is stopping: nothing was recorded, the sender should try again later. */
    static final class Busy extends RuntimeException {

        Busy() {
            super("the postback queue is full or the service is stopping", null, false, false);
        }
    }
}
