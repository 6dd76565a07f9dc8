package io.croupier.optimizer.stats;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.optimizer.currency.Revenue;

/**
 * One row of seed 001's {@code GET /admin/stats}. The totals are all-time; {@code ev} and {@code weight} are those of
 * the newest weight set, i.e. what click-service routes with.
 *
 * @param totalPayout all-time approved revenue in {@code currency}, the reference currency
 * @param conversionRate all-time first deposits per 100 clicks
 * @param payoutByCurrency the same revenue per currency as earned (extra field)
 * @param weightSetId the set {@code ev} and {@code weight} come from; null when the newest set does not name the offer,
 *        which then shows {@code ev} 0 and its manual weight, what click-service routes it by until a set names it (0
 *        if inactive) (extra field)
 */
record OfferStats(
        long id,
        String name,
        @JsonProperty("total_clicks") long totalClicks,
        @JsonProperty("total_ftds") long totalFtds,
        @JsonProperty("total_payout") BigDecimal totalPayout,
        @JsonProperty("conversion_rate") BigDecimal conversionRate,
        BigDecimal ev,
        BigDecimal weight,
        boolean active,
        String currency,
        @JsonProperty("payout_by_currency") List<Revenue> payoutByCurrency,
        @JsonProperty("weight_set_id") Long weightSetId) {
}
