package io.croupier.optimizer.weights;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;
import io.croupier.optimizer.OptimizerProperties;
import io.croupier.optimizer.currency.ReferenceCurrency;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes a weight set, stores it with its inputs and puts it in the outbox, all in one transaction. A
 * transaction-scoped advisory lock serialises computations across instances: sets get ids, and outbox rows positions,
 * in the order they were computed, so the last record on the compacted topic is always the newest set.
 */
@Service
class WeightRecalculation {

    private static final Logger log = LoggerFactory.getLogger(WeightRecalculation.class);

    private final JdbcClient jdbc;

    private final LastClicksSampler sampler;

    private final WeightSets weightSets;

    private final Outbox outbox;

    private final AuditTrail audit;

    private final OptimizerProperties properties;

    private final ReferenceCurrency referenceCurrency;

    private final WeightCalculator calculator;

    WeightRecalculation(JdbcClient jdbc, LastClicksSampler sampler, WeightSets weightSets, Outbox outbox,
            AuditTrail audit, OptimizerProperties properties, ReferenceCurrency referenceCurrency) {
        this.jdbc = jdbc;
        this.sampler = sampler;
        this.weightSets = weightSets;
        this.outbox = outbox;
        this.audit = audit;
        this.properties = properties;
        this.referenceCurrency = referenceCurrency;
        this.calculator = new WeightCalculator(properties.weightFloor());
    }

    /** An operator's recalculation, audited with the set it published. */
    @Transactional
    WeightSet recalculateNow() {
        lockAcrossInstances();
        WeightSet set = compute(WeightSet.Trigger.ON_DEMAND, null);
        audit.record("recalculate", "weight-set", Long.toString(set.weightSetId()), null, set);
        return set;
    }

    /**
     * Computes the set of a scheduled cycle unless some instance already has, or no offer is active yet (the cycle
     * then stays open and the next check tries again).
     */
    @Transactional
    Optional<WeightSet> recalculateCycle(Instant cycleStart) {
        lockAcrossInstances();
        if (weightSets.existsForCycle(cycleStart)) {
            return Optional.empty();
        }
        try {
            return Optional.of(compute(WeightSet.Trigger.SCHEDULED, cycleStart));
        }
        catch (NoActiveOffers e) {
            log.info("No active offer known yet; cycle {} stays open", cycleStart);
            return Optional.empty();
        }
    }

    /**
     * Computes a new set if the newest one does not route to {@code offerId}; runs after the offer's own transaction
     * committed, hence in a new one.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Optional<WeightSet> recalculateForNewOffer(long offerId) {
        lockAcrossInstances();
        if (weightSets.newestRoutesTo(offerId)) {
            return Optional.empty();
        }
        return Optional.of(compute(WeightSet.Trigger.NEW_OFFER, null));
    }

    private void lockAcrossInstances() {
        jdbc.sql("select 1 from pg_advisory_xact_lock(hashtext(current_schema() || '.weight-sets'))")
            .query(Integer.class)
            .single();
    }

    private WeightSet compute(WeightSet.Trigger trigger, Instant cycleStart) {
        List<SampledOffer> sampled = sampler.sample(properties.lastNClicks());
        if (sampled.stream().noneMatch(offer -> offer.sample().active())) {
            throw new NoActiveOffers();
        }
        WeightCalculator.Weighing weighing = calculator.weigh(sampled.stream().map(SampledOffer::sample).toList());
        List<WeightSet.Entry> entries = new ArrayList<>(sampled.size());
        for (int i = 0; i < sampled.size(); i++) {
            SampledOffer offer = sampled.get(i);
            OfferWeighting weighting = weighing.offers().get(i);
            warnAboutUnconvertedRevenue(offer);
            entries.add(new WeightSet.Entry(offer.sample().offerId(), offer.sample().name(), offer.sample().active(),
                    offer.since(), offer.until(), offer.sample().clicks(), offer.sample().firstDeposits(),
                    offer.sample().payout(), weighting.conversionRate(), weighting.averagePayout(), weighting.ev(),
                    weighting.weight(), offer.revenue()));
        }
        WeightSet set = weightSets.add(new WeightSets.NewWeightSet(Instant.now().truncatedTo(ChronoUnit.MILLIS),
                trigger, cycleStart, properties.lastNClicks(), properties.weightFloor(), referenceCurrency.code(),
                weighing.maxEv(), entries));
        outbox.append(Topics.OFFER_WEIGHTS, Topics.CURRENT_WEIGHTS_KEY, published(set));
        log.info("Weight set {} ({}) computed for {} offers", set.weightSetId(), trigger, entries.size());
        return set;
    }

    /** Only active offers are routed to, so only they are published. */
    private static OfferWeights published(WeightSet set) {
        return OfferWeights.newBuilder()
            .setWeightSetId(Long.toString(set.weightSetId()))
            .setComputedAt(set.computedAt())
            .setWeights(set.weights()
                .stream()
                .filter(WeightSet.Entry::active)
                .map(entry -> new OfferWeight(Long.toString(entry.id()), entry.weight().doubleValue()))
                .toList())
            .build();
    }

    private static void warnAboutUnconvertedRevenue(SampledOffer offer) {
        offer.revenue()
            .stream()
            .filter(revenue -> revenue.rate() == null)
            .forEach(revenue -> log.warn("Offer {}: {} {} left out of its EV, no rate configured for {}",
                    offer.sample().offerId(), revenue.amount(), revenue.currency(), revenue.currency()));
    }
}
