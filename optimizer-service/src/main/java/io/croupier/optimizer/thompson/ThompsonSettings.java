package io.croupier.optimizer.thompson;

import java.math.BigDecimal;
import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The delay-aware policy. The defaults are the ones that won the simulation (optimizer README).
 *
 * @param recalculationInterval the cycle length; cycles are aligned to the epoch
 * @param history how far back clicks, first deposits and revenue are read
 * @param delayHorizon the longest click-to-deposit delay the delay curve describes; later deposits still count, but
 *        no click waits for them
 * @param halfLife how fast older conversion evidence fades, so that a changed offer is noticed: a deposit (and the
 *        exposure that predicts it) counts half as much this long after it happened
 * @param valueHalfLife the same for the value per deposit, which changes with the deal and the players rather than
 *        the traffic, and whose later revenue takes weeks to arrive
 * @param floor the share of clicks every active offer keeps however unlikely it is to be the best
 * @param draws posterior draws per computation to estimate each offer's probability of being the best
 * @param priorDeposits how many first deposits' worth the priors (every offer's pooled conversion rate and value per
 *        deposit) weigh in an offer's own estimates
 * @param curvePriorStrength how many of an offer's own observed delays weigh as much as the pooled delay curve
 * @param changeSignificance the chance, per offer and computation, of taking a steady offer's rate for changed (the
 *        test over every candidate moment together)
 * @param changeMinimum the smallest relative change in an offer's rate that makes the policy forget the evidence
 *        before it (0.25: the rate since fell below 1/1.25 of the earlier one or rose above 1.25 times it)
 * @param allocation how the posterior draws become routing shares: the simulation's winner by default
 */
public record ThompsonSettings(
        @DefaultValue("PT1M") @NotNull Duration recalculationInterval,
        @DefaultValue("P28D") @NotNull Duration history,
        @DefaultValue("P14D") @NotNull Duration delayHorizon,
        @DefaultValue("P7D") @NotNull Duration halfLife,
        @DefaultValue("P14D") @NotNull Duration valueHalfLife,
        @DefaultValue("0.01") @NotNull @DecimalMin("0") @DecimalMax("0.5") BigDecimal floor,
        @DefaultValue("4000") @Positive int draws,
        @DefaultValue("1") @Positive double priorDeposits,
        @DefaultValue("20") @Positive double curvePriorStrength,
        @DefaultValue("0.0001") @Positive @Max(1) double changeSignificance,
        @DefaultValue("0.25") @NotNull @DecimalMin("0") BigDecimal changeMinimum,
        @DefaultValue("information-directed") @NotNull Allocation allocation) {

    /** How the posterior draws become routing shares. */
    public enum Allocation {
        /** Each offer's probability of being the best (Thompson sampling). */
        PROBABILITY_BEST,
        /**
         * Information-directed sampling for every offer but the one expected to earn the most, each capped at its
         * probability of being best; the leader gets the rest ({@link PosteriorDraws#challengersCapped}).
         */
        INFORMATION_DIRECTED
    }

    public ThompsonSettings {
        if (history != null && delayHorizon != null && delayHorizon.compareTo(history) >= 0) {
            throw new IllegalArgumentException("croupier.optimizer.thompson.delay-horizon must be shorter than history");
        }
    }
}
