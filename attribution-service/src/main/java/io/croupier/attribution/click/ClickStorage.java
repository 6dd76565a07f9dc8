package io.croupier.attribution.click;

import java.util.List;

import io.croupier.events.Click;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores clicks a poll at a time. The click id is the event id, so the primary key is the idempotent consumer: a
 * redelivered click is skipped by {@code on conflict do nothing} and counted nowhere.
 */
@Component
class ClickStorage {

    private final ClickRepository clicks;

    private final ApplicationEventPublisher events;

    ClickStorage(ClickRepository clicks, ApplicationEventPublisher events) {
        this.clicks = clicks;
        this.events = events;
    }

    @KafkaListener(topics = "#{T(io.croupier.schemas.Topics).CLICKS.name()}",
            containerFactory = "batchListenerContainerFactory")
    @Transactional
    void store(List<Click> batch) {
        List<StoredClick> stored = clicks.insertNew(batch.stream().map(ClickStorage::toStored).toList());
        if (!stored.isEmpty()) {
            events.publishEvent(new ClicksStored(stored));
        }
    }

    private static StoredClick toStored(Click click) {
        return new StoredClick(click.getClickId(), click.getOfferId(), click.getPublisherId(), click.getSource(),
                click.getCampaign(), click.getSub1(), click.getSub2(), click.getSub3(), click.getSub4(),
                click.getSub5(), click.getIp(), click.getUserAgent(), click.getReferrer(), click.getOccurredAt());
    }
}
