package io.croupier.optimizer.weights;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.optimizer.currency.Revenue;
import tools.jackson.databind.JsonNode;

/**
 * One computed set of weights with everything it was computed from, as stored and as served.
 *
 * @param cycleStart the scheduled cycle it belongs to; null when computed on demand or for a new offer
 * @param policy the policy that computed it
 * @param currency the reference currency of every payout and EV in it
 * @param explorationRate the share of clicks spread evenly over every active offer, as published
 * @param weightFloor seed 001's smallest weight, or the default policy's smallest share of clicks
 * @param lastNClicks seed 001's sample size; null under the default policy
 * @param settings the default policy's settings when it computed the set; null under seed 001's
 * @param weights every known offer, active or not; only the active ones are published
 */
public record WeightSet(
        @JsonProperty("weight_set_id") long weightSetId,
        @JsonProperty("computed_at") Instant computedAt,
        Trigger trigger,
        @JsonProperty("cycle_start") Instant cycleStart,
        PolicyName policy,
        String currency,
        @JsonProperty("exploration_rate") BigDecimal explorationRate,
        @JsonProperty("weight_floor") BigDecimal weightFloor,
        @JsonProperty("max_ev") BigDecimal maxEv,
        @JsonProperty("last_n_clicks") Integer lastNClicks,
        JsonNode settings,
        List<Entry> weights) {

    public enum Trigger {
        SCHEDULED, ON_DEMAND, NEW_OFFER
    }

    /**
     * One offer's inputs and result.
     *
     * @param sampleSince start of the stretch the policy read (seed 001: the oldest window of the last N clicks);
     *        null without any window
     * @param sampleUntil its end
     * @param clicks clicks in that stretch
     * @param ftds first deposits in that stretch
     * @param payout revenue in that stretch, in the reference currency
     * @param conversionRate first deposits per 100 clicks in that stretch, as seen
     * @param averagePayout revenue per first deposit in that stretch, as seen; null without a first deposit
     * @param ev expected revenue per click the policy concluded
     * @param revenue the same revenue per currency as earned, with the rate used
     * @param evidence the default policy's reasoning: delay-corrected conversion rate, value per conversion,
     *        probability of being best, the delay curve used; null under seed 001's policy
     */
    public record Entry(
            long id,
            String name,
            boolean active,
            @JsonProperty("sample_since") Instant sampleSince,
            @JsonProperty("sample_until") Instant sampleUntil,
            long clicks,
            long ftds,
            BigDecimal payout,
            @JsonProperty("conversion_rate") BigDecimal conversionRate,
            @JsonProperty("average_payout") BigDecimal averagePayout,
            BigDecimal ev,
            BigDecimal weight,
            List<Revenue> revenue,
            JsonNode evidence) {
    }
}
