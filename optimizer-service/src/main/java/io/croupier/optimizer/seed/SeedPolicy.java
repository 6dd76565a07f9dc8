package io.croupier.optimizer.seed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.croupier.optimizer.OptimizerSettings;
import io.croupier.optimizer.weights.ComputedWeights;
import io.croupier.optimizer.weights.PolicyName;
import io.croupier.optimizer.weights.WeighingPolicy;
import io.croupier.optimizer.weights.WeightSet;
import org.springframework.stereotype.Component;

/** Seed 001's policy, unchanged: EV over each offer's last N clicks, weight = EV / max EV with a floor. */
@Component
class SeedPolicy implements WeighingPolicy {

    private final LastClicksSampler sampler;

    private final SeedSettings settings;

    private final WeightCalculator calculator;

    SeedPolicy(LastClicksSampler sampler, OptimizerSettings settings) {
        this.sampler = sampler;
        this.settings = settings.seed();
        this.calculator = new WeightCalculator(this.settings.weightFloor());
    }

    @Override
    public PolicyName name() {
        return PolicyName.SEED_EV;
    }

    @Override
    public Duration recalculationInterval() {
        return settings.recalculationInterval();
    }

    /** The last N clicks do not depend on the time: {@code now} is not needed. */
    @Override
    public ComputedWeights weigh(Instant now) {
        List<SampledOffer> sampled = sampler.sample(settings.lastNClicks());
        WeightCalculator.Weighing weighing = calculator.weigh(sampled.stream().map(SampledOffer::sample).toList());
        List<WeightSet.Entry> entries = new ArrayList<>(sampled.size());
        for (int i = 0; i < sampled.size(); i++) {
            SampledOffer offer = sampled.get(i);
            OfferWeighting weighting = weighing.offers().get(i);
            entries.add(new WeightSet.Entry(offer.sample().offerId(), offer.sample().name(), offer.sample().active(),
                    offer.since(), offer.until(), offer.sample().clicks(), offer.sample().firstDeposits(),
                    offer.sample().payout(), weighting.conversionRate(), weighting.averagePayout(), weighting.ev(),
                    weighting.weight(), offer.revenue(), null));
        }
        return new ComputedWeights(PolicyName.SEED_EV, settings.explorationRate(),
                settings.weightFloor(), weighing.maxEv(),
                settings.lastNClicks(), null, entries);
    }
}
