package io.croupier.attribution.click;

import java.util.ArrayList;
import java.util.List;

import io.croupier.events.Click;
import io.croupier.schemas.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores clicks a poll at a time in one statement. The click id is the event id, so the primary key is the idempotent
 * consumer: a redelivered click is skipped by {@code on conflict do nothing} and counted nowhere.
 */
@Component
class ClickStorage {

    private final ClickRepository clicks;

    private final ApplicationEventPublisher events;

    private final TransactionTemplate transactions;

    ClickStorage(ClickRepository clicks, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.clicks = clicks;
        this.events = events;
        this.transactions = transactions;
    }

    @KafkaListener(topics = Topics.Names.CLICKS,
            containerFactory = "batchListenerContainerFactory")
    void store(List<ConsumerRecord<String, Click>> batch) {
        List<StoredClick> decoded = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, Click> record : batch) {
            if (record.value() == null) {
                break;
            }
            decoded.add(toStored(record.value()));
        }
        if (!decoded.isEmpty()) {
            transactions.executeWithoutResult(status -> {
                List<StoredClick> stored = clicks.insertNew(decoded);
                if (!stored.isEmpty()) {
                    events.publishEvent(new ClicksStored(stored));
                }
            });
        }
        if (decoded.size() < batch.size()) {
            // The clicks before it are stored; the error handler dead-letters this one and carries on after it.
            throw new BatchListenerFailedException("undecodable click", decoded.size());
        }
    }

    private static StoredClick toStored(Click click) {
        return new StoredClick(click.getClickId(), click.getOfferId(), click.getPublisherId(), click.getTracking(),
                click.getIp(), click.getUserAgent(), click.getReferrer(), click.getOccurredAt());
    }
}
