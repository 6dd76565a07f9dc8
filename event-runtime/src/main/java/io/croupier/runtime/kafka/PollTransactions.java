package io.croupier.runtime.kafka;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch listener's poll in one transaction, because a commit (an fsync) costs more than applying one record.
 * Should the poll fail, it is redone one transaction per record: the records before the failing one commit, and the
 * platform's error handler retries (and finally dead-letters) from the failing one, whose offset is the first not
 * committed ({@link BatchListenerFailedException}). An undecodable record (a {@code null} value) is dead-lettered the
 * same way. Whole transactions rather than savepoints, because what a service holds in memory until the commit (outbox
 * wake-ups, counters) is not discarded by a savepoint's rollback.
 */
public class PollTransactions {

    private final TransactionTemplate transactions;

    public PollTransactions(TransactionTemplate transactions) {
        this.transactions = transactions;
    }

    /**
     * @param apply applies the values it is given, in their order, inside the caller's transaction: first the whole
     *              poll, then, if that fails, each record alone
     */
    public <K, V> void apply(List<ConsumerRecord<K, V>> poll, Consumer<List<V>> apply) {
        List<V> values = poll.stream().map(ConsumerRecord::value).toList();
        if (values.stream().allMatch(Objects::nonNull)) {
            try {
                transactions.executeWithoutResult(status -> apply.accept(values));
                return;
            }
            catch (RuntimeException e) {
                // Redone below one record at a time, to find the one that fails and keep the others.
            }
        }
        for (int i = 0; i < values.size(); i++) {
            V value = values.get(i);
            if (value == null) {
                throw new BatchListenerFailedException("undecodable record", i);
            }
            try {
                transactions.executeWithoutResult(status -> apply.accept(List.of(value)));
            }
            catch (RuntimeException e) {
                throw new BatchListenerFailedException("cannot apply " + poll.get(i).topic() + "-"
                        + poll.get(i).partition() + "@" + poll.get(i).offset(), e, i);
            }
        }
    }
}
