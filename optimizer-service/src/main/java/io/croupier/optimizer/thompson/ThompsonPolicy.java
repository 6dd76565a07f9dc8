package io.croupier.optimizer.thompson;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.croupier.optimizer.OptimizerSettings;
import io.croupier.optimizer.currency.ReferenceCurrency;
import io.croupier.optimizer.weights.ComputedWeights;
import io.croupier.optimizer.weights.PolicyName;
import io.croupier.optimizer.weights.WeighingPolicy;
import io.croupier.optimizer.weights.WeightSet;
import org.apache.commons.rng.simple.RandomSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The default policy as the service runs it: reads the evidence, weighs with {@link DelayAwareThompson}, and keeps
 * what it saw and concluded about every offer with the set.
 */
@Component
class ThompsonPolicy implements WeighingPolicy {

    private static final int SCALE = 6;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final EvidenceQuery evidence;

    private final ThompsonSettings settings;

    private final DelayAwareThompson policy;

    private final ReferenceCurrency referenceCurrency;

    private final JsonMapper json;

    ThompsonPolicy(EvidenceQuery evidence, OptimizerSettings settings, ReferenceCurrency referenceCurrency,
            JsonMapper json) {
        this.evidence = evidence;
        this.settings = settings.thompson();
        this.policy = DelayAwareThompson.of(this.settings);
        this.referenceCurrency = referenceCurrency;
        this.json = json;
    }

    @Override
    public PolicyName name() {
        return PolicyName.DELAY_AWARE_THOMPSON;
    }

    @Override
    public Duration recalculationInterval() {
        return settings.recalculationInterval();
    }

    /** The draws are seeded with {@code now}: the same evidence at the same moment gives the same weights. */
    @Override
    public ComputedWeights weigh(Instant now) {
        List<OfferEvidence> offers = evidence.load(now, settings.history(), policy.grid());
        List<DelayAwareThompson.Assessment> assessed = policy.weigh(offers, now,
                RandomSource.XO_RO_SHI_RO_128_PP.create(now.toEpochMilli()));
        List<WeightSet.Entry> entries = new ArrayList<>(assessed.size());
        BigDecimal maxEv = BigDecimal.ZERO.setScale(SCALE);
        for (DelayAwareThompson.Assessment offer : assessed) {
            WeightSet.Entry entry = entry(offer, now);
            entries.add(entry);
            if (entry.active()) {
                maxEv = maxEv.max(entry.ev());
            }
        }
        return new ComputedWeights(PolicyName.DELAY_AWARE_THOMPSON, BigDecimal.ZERO, settings.floor(), maxEv, null,
                json.valueToTree(parameters()), entries);
    }

    private WeightSet.Entry entry(DelayAwareThompson.Assessment assessed, Instant now) {
        OfferEvidence offer = assessed.offer();
        BigDecimal payout = referenceCurrency.total(offer.revenue());
        BigDecimal conversionRate = assessed.clicks() == 0 ? decimal(0)
                : BigDecimal.valueOf(assessed.firstDeposits()).multiply(HUNDRED)
                    .divide(BigDecimal.valueOf(assessed.clicks()), SCALE, RoundingMode.HALF_EVEN);
        BigDecimal averagePayout = assessed.firstDeposits() == 0 ? null
                : payout.divide(BigDecimal.valueOf(assessed.firstDeposits()), SCALE, RoundingMode.HALF_EVEN);
        return new WeightSet.Entry(offer.offerId(), offer.name(), offer.active(), now.minus(settings.history()), now,
                assessed.clicks(), assessed.firstDeposits(), payout, conversionRate, averagePayout,
                decimal(assessed.ev()), decimal(assessed.routing().weight()), offer.revenue(),
                json.valueToTree(Evidence.of(assessed)));
    }

    private Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("history", settings.history().toString());
        parameters.put("delay_horizon", settings.delayHorizon().toString());
        parameters.put("half_life", settings.halfLife().toString());
        parameters.put("value_half_life", settings.valueHalfLife().toString());
        parameters.put("floor", settings.floor());
        parameters.put("draws", settings.draws());
        parameters.put("prior_deposits", settings.priorDeposits());
        parameters.put("curve_prior_strength", settings.curvePriorStrength());
        parameters.put("change_significance", settings.changeSignificance());
        parameters.put("change_minimum", settings.changeMinimum());
        parameters.put("allocation", settings.allocation().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        return parameters;
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_EVEN);
    }

    /**
     * What the policy saw of an offer and concluded, as a console shows it. Rates are fractions (0.03 is 3 %), money is
     * in the set's reference currency.
     *
     * @param observedConversionRate first deposits over clicks in the history, as seen
     * @param effectiveClicks the history's clicks each counted by the share of its deposits due by now, and by age
     * @param weightedFirstDeposits the history's first deposits, counted by age
     * @param correctedConversionRate the posterior mean of the eventual first-deposit rate
     * @param conversionRateInterval the rate's 90 % credible interval
     * @param valuePerConversion the posterior mean of the revenue per first deposit
     * @param valueWithDeposit the part of it that comes with the deposit (CPA, reported payouts)
     * @param valueLater the part that comes in the weeks after (RevShare), counting deposits by the share of their
     *        later revenue due by now
     * @param revenueLag the mean lag of later revenue after the deposit, fitted over every offer
     * @param valueStandardError its standard error
     * @param probabilityBest the share of posterior draws in which the offer earned the most per click
     * @param expectedRegret the highest earning per click expected over the posteriors less this offer's own
     * @param informationGain what a click routed to it is expected to tell about which offer is the best
     * @param informationDirected its share under information-directed sampling
     * @param allocated its share before the floor (see {@link DelayAwareThompson.Routing#allocated()})
     * @param share the share of clicks it should get: the floor plus the rest by {@code allocated}
     * @param delayCurve the click-to-deposit curve its clicks were counted by
     * @param changeDetected whether its rate changed within the history: the conversion evidence then counts only
     *        from {@code changedSince}
     * @param changedSince from when the conversion evidence counts, if the rate changed; null otherwise
     * @param changeRatio the rate since the change over the rate before it; null if none
     * @param changePValue the test's p-value at that moment; null if no change
     */
    record Evidence(
            @JsonProperty("observed_conversion_rate") BigDecimal observedConversionRate,
            @JsonProperty("effective_clicks") BigDecimal effectiveClicks,
            @JsonProperty("weighted_first_deposits") BigDecimal weightedFirstDeposits,
            @JsonProperty("corrected_conversion_rate") BigDecimal correctedConversionRate,
            @JsonProperty("conversion_rate_interval") Interval conversionRateInterval,
            @JsonProperty("value_per_conversion") BigDecimal valuePerConversion,
            @JsonProperty("value_with_deposit") BigDecimal valueWithDeposit,
            @JsonProperty("value_later") BigDecimal valueLater,
            @JsonProperty("revenue_lag") String revenueLag,
            @JsonProperty("value_standard_error") BigDecimal valueStandardError,
            @JsonProperty("probability_best") BigDecimal probabilityBest,
            @JsonProperty("expected_regret") BigDecimal expectedRegret,
            @JsonProperty("information_gain") BigDecimal informationGain,
            @JsonProperty("information_directed") BigDecimal informationDirected,
            BigDecimal allocated,
            BigDecimal share,
            @JsonProperty("delay_curve") Curve delayCurve,
            @JsonProperty("change_detected") boolean changeDetected,
            @JsonProperty("changed_since") Instant changedSince,
            @JsonProperty("change_ratio") BigDecimal changeRatio,
            @JsonProperty("change_p_value") Double changePValue) {

        static Evidence of(DelayAwareThompson.Assessment assessed) {
            ConversionPosterior conversion = assessed.conversion();
            return new Evidence(
                    decimal(assessed.clicks() == 0 ? 0 : (double) assessed.firstDeposits() / assessed.clicks()),
                    decimal(assessed.exposure()), decimal(assessed.deposits()), decimal(conversion.mean()),
                    new Interval(decimal(conversion.quantile(0.05)), decimal(conversion.quantile(0.95))),
                    decimal(assessed.value().mean()), decimal(assessed.value().withDeposit()),
                    decimal(assessed.value().later()), assessed.revenueLag().toString(),
                    decimal(assessed.value().standardError()),
                    decimal(assessed.routing().probabilityBest()), decimal(assessed.routing().expectedRegret()),
                    decimal(assessed.routing().informationGain()), decimal(assessed.routing().informationDirected()),
                    decimal(assessed.routing().allocated()), decimal(assessed.routing().share()),
                    new Curve(assessed.curveDeposits(), assessed.curve()
                        .points()
                        .stream()
                        .map(point -> new CurvePoint(point.after().toString(), decimal(point.arrived())))
                        .toList()),
                    assessed.change().isPresent(), assessed.change().map(RateChange::since).orElse(null),
                    assessed.change()
                        .filter(change -> Double.isFinite(change.ratio()))
                        .map(change -> decimal(change.ratio()))
                        .orElse(null),
                    assessed.change().map(RateChange::pValue).orElse(null));
        }
    }

    record Interval(BigDecimal low, BigDecimal high) {
    }

    /**
     * @param ownDeposits the offer's own first deposits with a known delay the curve was estimated from; where they
     *        are few, the curve follows the one pooled over every offer
     * @param points the share of deposits arrived (of those due within the horizon) {@code after} the click
     */
    record Curve(@JsonProperty("own_deposits") long ownDeposits, List<CurvePoint> points) {
    }

    record CurvePoint(String after, BigDecimal arrived) {
    }
}
