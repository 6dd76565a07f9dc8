package io.croupier.optimizer.weights;

import java.time.Duration;
import java.time.Instant;

/** A way to turn what the optimizer knows into routing weights; {@code croupier.optimizer.policy} picks one. */
public interface WeighingPolicy {

    PolicyName name();

    /** How often a scheduled set is computed under this policy. */
    Duration recalculationInterval();

    /** Weighs every known offer as of {@code now}, with what the policy saw and concluded about each. */
    ComputedWeights weigh(Instant now);
}
