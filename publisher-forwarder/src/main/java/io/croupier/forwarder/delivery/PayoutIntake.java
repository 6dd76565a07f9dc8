package io.croupier.forwarder.delivery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.croupier.events.PayoutDue;
import io.croupier.forwarder.ForwarderSettings;
import io.croupier.forwarder.publisher.PublisherId;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.schemas.Topics;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns each payout event into one stored delivery and nothing else: the HTTP call happens later on a delivery worker,
 * so a slow publisher never holds up consumption and a retry survives a restart. A whole poll is stored in one
 * transaction, which is what lets intake keep up with a burst.
 */
@Component
class PayoutIntake {

    static final String CONSUMER = "publisher-forwarder.payouts";

    private final Inbox inbox;

    private final DeliveryQueue deliveries;

    private final RetrySchedule schedule;

    private final DeliveryScheduler scheduler;

    private final TransactionTemplate transactions;

    private final int consumers;

    PayoutIntake(Inbox inbox, DeliveryQueue deliveries, RetrySchedule schedule, DeliveryScheduler scheduler,
            TransactionTemplate transactions, ForwarderSettings settings) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.schedule = schedule;
        this.scheduler = scheduler;
        this.transactions = transactions;
        this.consumers = settings.intake().concurrency();
    }

    /** Read by the listener's {@code concurrency}, so the consumer count is a setting with its default in the record. */
    public int consumers() {
        return consumers;
    }

    /**
     * Stores the payouts before the first one that cannot be a delivery, commits them, and then names that one to the
     * error handler, which retries it and finally sends it to the dead-letter topic. A repeated event is dropped by
     * the inbox; the delivery's primary key (the event id) backs that up.
     */
    @KafkaListener(topics = Topics.Names.PAYOUTS,
            containerFactory = "batchListenerContainerFactory",
            concurrency = "#{__listener.consumers()}")
    void on(List<PayoutDue> payouts) {
        int stored = 0;
        RuntimeException failure = null;
        for (PayoutDue payout : payouts) {
            try {
                publisherId(payout);
            }
            catch (RuntimeException e) {
                failure = e;
                break;
            }
            stored++;
        }
        List<PayoutDue> valid = payouts.subList(0, stored);
        Integer inserted = transactions.execute(status -> store(valid));
        if (inserted != null && inserted > 0) {
            scheduler.wakeUp();
        }
        if (failure != null) {
            throw new BatchListenerFailedException(failure.getMessage(), failure, stored);
        }
    }

    /** One statement records the poll in the inbox, one more inserts the deliveries of the payouts that are new. */
    private int store(List<PayoutDue> payouts) {
        Set<String> first = inbox.firstDeliveries(CONSUMER, payouts.stream().map(PayoutDue::getEventId).toList());
        Set<String> seen = new HashSet<>();
        List<DeliveryQueue.NewDelivery> fresh = new ArrayList<>();
        for (PayoutDue payout : payouts) {
            if (first.contains(payout.getEventId()) && seen.add(payout.getEventId())) {
                fresh.add(new DeliveryQueue.NewDelivery(payout, publisherId(payout).value()));
            }
        }
        return deliveries.insert(fresh, schedule.delayBefore(0));
    }

    private static PublisherId publisherId(PayoutDue payout) {
        if (payout == null) {
            throw new IllegalArgumentException("a payout record could not be decoded");
        }
        try {
            return PublisherId.fromEvent(payout.getPublisherId());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("payout " + payout.getEventId() + ": " + e.getMessage(), e);
        }
    }
}
