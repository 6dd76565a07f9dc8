package io.croupier.optimizer.weights;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;
import io.croupier.optimizer.OptimizerSettings;
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
 * Computes a weight set with the configured policy, stores it with its inputs and puts it in the outbox, all in one
 * transaction. A transaction-scoped advisory lock serialises computations across instances: sets get ids, and outbox
 * rows positions, in the order they were computed, so the last record on the compacted topic is always the newest set.
 */
@Service
class WeightRecalculation {

    private static final Logger log = LoggerFactory.getLogger(WeightRecalculation.class);

    private final JdbcClient jdbc;

    private final WeighingPolicy policy;

    private final WeightSets weightSets;

    private final Outbox outbox;

    private final AuditTrail audit;

    private final ReferenceCurrency referenceCurrency;

    WeightRecalculation(JdbcClient jdbc, List<WeighingPolicy> policies, OptimizerSettings settings,
            WeightSets weightSets, Outbox outbox, AuditTrail audit, ReferenceCurrency referenceCurrency) {
        this.jdbc = jdbc;
        this.policy = policies.stream()
            .filter(candidate -> candidate.name() == settings.policy())
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no implementation of policy " + settings.policy()));
        this.weightSets = weightSets;
        this.outbox = outbox;
        this.audit = audit;
        this.referenceCurrency = referenceCurrency;
    }

    /** The configured policy's cycle length. */
    Duration cycleLength() {
        return policy.recalculationInterval();
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
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ComputedWeights computed = policy.weigh(now);
        if (computed.weights().stream().noneMatch(WeightSet.Entry::active)) {
            throw new NoActiveOffers();
        }
        computed.weights().forEach(WeightRecalculation::warnAboutUnconvertedRevenue);
        WeightSet set = weightSets.add(now, trigger, cycleStart, referenceCurrency.code(), computed);
        outbox.append(Topics.OFFER_WEIGHTS, Topics.CURRENT_WEIGHTS_KEY, published(set));
        log.info("Weight set {} ({}, {}) computed for {} offers", set.weightSetId(), set.policy(), trigger,
                set.weights().size());
        return set;
    }

    /** Only active offers are routed to, so only they are published. */
    private static OfferWeights published(WeightSet set) {
        List<OfferWeight> weights = set.weights()
            .stream()
            .filter(WeightSet.Entry::active)
            .map(entry -> new OfferWeight(Long.toString(entry.id()), entry.weight().doubleValue()))
            .toList();
        return OfferWeights.newBuilder()
            .setWeightSetId(Long.toString(set.weightSetId()))
            .setComputedAt(set.computedAt())
            .setExplorationRate(set.explorationRate().doubleValue())
            .setWeights(weights)
            .build();
    }

    private static void warnAboutUnconvertedRevenue(WeightSet.Entry offer) {
        offer.revenue()
            .stream()
            .filter(revenue -> revenue.rate() == null)
            .forEach(revenue -> log.warn("Offer {}: {} {} left out of its weight, no rate configured for {}",
                    offer.id(), revenue.amount(), revenue.currency(), revenue.currency()));
    }
}
