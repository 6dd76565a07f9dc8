package io.croupier.optimizer.weights;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.optimizer.currency.Revenue;

/**
 * One computed set of weights with everything it was computed from, as stored and as served.
 *
 * @param cycleStart the scheduled cycle it belongs to; null when computed on demand or for a new offer
 * @param currency the reference currency of every payout and EV in it
 * @param weights every known offer, active or not; only the active ones are published
 */
public record WeightSet(
        @JsonProperty("weight_set_id") long weightSetId,
        @JsonProperty("computed_at") Instant computedAt,
        Trigger trigger,
        @JsonProperty("cycle_start") Instant cycleStart,
        @JsonProperty("last_n_clicks") int lastNClicks,
        @JsonProperty("weight_floor") BigDecimal weightFloor,
        String currency,
        @JsonProperty("max_ev") BigDecimal maxEv,
        List<Entry> weights) {

    public enum Trigger {
        SCHEDULED, ON_DEMAND, NEW_OFFER
    }

    /**
     * One offer's inputs and result.
     *
     * @param sampleSince start of the oldest window in its last-N-clicks sample; null without any window
     * @param clicks clicks in the sample
     * @param ftds first deposits in the sample
     * @param payout revenue in the sample, in the reference currency
     * @param revenue the same revenue per currency as earned, with the rate used
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
            List<Revenue> revenue) {
    }
}
