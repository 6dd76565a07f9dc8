package io.croupier.postback.house;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.croupier.events.LedgerEntryRecorded;
import io.croupier.events.Money;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Lets a seed 003 answer wait for the ledger entry its postback causes downstream. Every instance reads the ledger
 * topic from its end under its own group, because the answer is waiting in whichever instance took the call; an
 * entry no one here waits for is ignored.
 */
@Component
class CommissionWaiter {

    static final String LISTENER_ID = "postback-service-commissions";

    private final Map<Long, CompletableFuture<Money>> waiting = new ConcurrentHashMap<>();

    /**
     * Called inside the postback's transaction, so the entry cannot arrive before someone waits for it. If that
     * transaction does not commit (a group-commit batch that fails is redone one postback at a time, with new log
     * ids), nobody will await this id: it is forgotten then, or every failed batch would leave its ids here.
     */
    void expect(long logId) {
        waiting.put(logId, new CompletableFuture<>());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    if (status != STATUS_COMMITTED) {
                        waiting.remove(logId);
                    }
                }
            });
        }
    }

    /** How many answers wait for their ledger entry now. */
    int waiting() {
        return waiting.size();
    }

    /** The commission (the ledger entry's revenue) of the postback, or empty when it took longer than {@code max}. */
    Optional<Money> await(long logId, Duration max) {
        CompletableFuture<Money> commission = waiting.get(logId);
        if (commission == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(commission.get(max.toMillis(), TimeUnit.MILLISECONDS));
        }
        catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        finally {
            waiting.remove(logId);
        }
    }

    @KafkaListener(id = LISTENER_ID, topics = Topics.Names.LEDGER_ENTRIES,
            groupId = "postback-service-commissions-${random.uuid}", properties = "auto.offset.reset=latest")
    void on(LedgerEntryRecorded entry) {
        if (entry.getReverses() != null || entry.getResolves() != null || entry.getPostbackLogId() == null) {
            return;
        }
        CompletableFuture<Money> commission = waiting.get(entry.getPostbackLogId());
        if (commission != null) {
            commission.complete(entry.getRevenue());
        }
    }
}
