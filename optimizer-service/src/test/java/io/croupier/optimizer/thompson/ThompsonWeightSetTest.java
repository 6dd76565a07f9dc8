package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;
import io.croupier.optimizer.OptimizerIntegrationTest;
import io.croupier.optimizer.weights.PolicyName;
import io.croupier.optimizer.weights.WeightSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The default policy from events on the real topics to the stored, served and published weight set. */
class ThompsonWeightSetTest extends OptimizerIntegrationTest {

    private static final List<String> EVIDENCE = List.of("observed_conversion_rate", "effective_clicks",
            "weighted_first_deposits", "corrected_conversion_rate", "conversion_rate_interval",
            "value_per_conversion", "value_with_deposit", "value_later", "revenue_lag", "value_standard_error",
            "probability_best", "expected_regret", "information_gain", "information_directed", "allocated", "share",
            "delay_curve");

    @Autowired
    EvidenceQuery evidenceQuery;

    @Test
    void everyWeightSetExplainsWhatThePolicySawAndConcludedAboutEachOffer() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long alpha = offer("Casino Alpha", true);
        long beta = offer("Casino Beta", true);
        long closed = offer("Casino Closed", false);
        for (int daysAgo = 1; daysAgo <= 10; daysAgo++) {
            Instant day = now.minus(Duration.ofDays(daysAgo));
            // Alpha: 3 % of 1000 clicks a day, each deposit two hours after its click, 100 per deposit.
            windowAt(alpha, day, 1000, 30, Collections.nCopies(30, Duration.ofHours(2).toMillis()));
            revenueAt(alpha, day.plusSeconds(60), "3000", "USD");
            // Beta: 1 %, 100 per deposit.
            windowAt(beta, day, 1000, 10, Collections.nCopies(10, Duration.ofHours(2).toMillis()));
            revenueAt(beta, day.plusSeconds(60), "1000", "USD");
        }
        windowAt(closed, now.minus(Duration.ofDays(1)), 1000, 90, List.of());

        WeightSet set = updateWeights();

        assertThat(set.policy()).isEqualTo(PolicyName.DELAY_AWARE_THOMPSON);
        assertThat(set.explorationRate()).isZero();
        assertThat(set.weightFloor()).isEqualByComparingTo("0.01");
        assertThat(set.lastNClicks()).isNull();
        assertThat(set.settings().get("history").asString()).isEqualTo("PT672H");
        assertThat(set.settings().get("half_life").asString()).isEqualTo("PT168H");
        assertThat(set.settings().get("allocation").asString()).isEqualTo("information-directed");

        WeightSet.Entry best = entry(set, alpha);
        assertThat(best.clicks()).isEqualTo(10_000);
        assertThat(best.ftds()).isEqualTo(300);
        assertThat(best.payout()).isEqualByComparingTo("30000");
        assertThat(best.conversionRate()).isEqualByComparingTo("3.0");
        assertThat(best.averagePayout()).isEqualByComparingTo("100");
        assertThat(best.weight()).isEqualByComparingTo("1");
        JsonNode evidence = best.evidence();
        assertThat(EVIDENCE).allSatisfy(field -> assertThat(evidence.hasNonNull(field)).as(field).isTrue());
        assertThat(evidence.get("observed_conversion_rate").decimalValue()).isEqualByComparingTo("0.03");
        assertThat(evidence.get("corrected_conversion_rate").asDouble()).isCloseTo(0.03, within(0.003))
            .isBetween(evidence.at("/conversion_rate_interval/low").asDouble(),
                    evidence.at("/conversion_rate_interval/high").asDouble());
        // 100 per deposit, leaning by one deposit on the value pooled over every offer (Closed's deposits earned nothing).
        assertThat(evidence.get("value_per_conversion").asDouble()).isCloseTo(100, within(1.0));
        // One revenue entry a day of 30 deposits' worth is lumpy evidence: the value is uncertain, the winner is not.
        assertThat(evidence.get("probability_best").asDouble()).isGreaterThan(0.75);
        assertThat(evidence.at("/delay_curve/own_deposits").asLong()).isEqualTo(300);
        JsonNode points = evidence.at("/delay_curve/points");
        assertThat(points.size()).isEqualTo(DelayGrid.upTo(Duration.ofDays(14)).size());
        assertThat(points.get(points.size() - 1).get("after").asString()).isEqualTo("PT336H");
        assertThat(points.get(points.size() - 1).get("arrived").asDouble()).isEqualTo(1.0);
        // Every deposit came two hours after its click: none within the first hour, all within four.
        assertThat(point(points, "PT1H")).isLessThan(0.05);
        assertThat(point(points, "PT4H")).isCloseTo(1.0, within(1e-6));

        WeightSet.Entry worse = entry(set, beta);
        assertThat(EVIDENCE).allSatisfy(field -> assertThat(worse.evidence().hasNonNull(field)).as(field).isTrue());
        // Beta, the challenger, is allocated the smaller of its information-directed share and its probability of
        // being best; Alpha, expected to earn the most, the rest. Each share is the floor plus the rest by what was
        // allocated; weights are shares relative to the largest.
        assertThat(worse.evidence().get("allocated").decimalValue()).isEqualByComparingTo(worse.evidence()
            .get("information_directed").decimalValue().min(worse.evidence().get("probability_best").decimalValue()));
        assertThat(worse.evidence().get("expected_regret").decimalValue())
            .isGreaterThan(best.evidence().get("expected_regret").decimalValue());
        assertThat(best.evidence().get("allocated").asDouble() + worse.evidence().get("allocated").asDouble())
            .isCloseTo(1.0, within(2e-6));
        for (WeightSet.Entry active : List.of(best, worse)) {
            assertThat(active.evidence().get("share").asDouble())
                .isCloseTo(0.01 + 0.98 * active.evidence().get("allocated").asDouble(), within(2e-6));
        }
        assertThat(best.evidence().get("probability_best").asDouble()
                + worse.evidence().get("probability_best").asDouble()).isCloseTo(1.0, within(2e-6));
        double betaWeight = worse.evidence().get("share").asDouble() / best.evidence().get("share").asDouble();
        assertThat(worse.weight().doubleValue()).isCloseTo(betaWeight, within(2e-6));
        WeightSet.Entry inactive = entry(set, closed);
        assertThat(inactive.weight()).isZero();
        assertThat(inactive.evidence().get("probability_best").asDouble()).isZero();
        assertThat(inactive.evidence().get("allocated").asDouble()).isZero();

        assertThat(http.get().uri("/admin/weight-sets/{id}", set.weightSetId()).retrieve().body(WeightSet.class))
            .isEqualTo(set);
        OfferWeights published = published(set.weightSetId());
        assertThat(published.getExplorationRate()).isZero();
        Map<String, Double> weights = published.getWeights().stream()
            .collect(Collectors.toMap(OfferWeight::getOfferId, OfferWeight::getWeight));
        assertThat(weights).containsOnlyKeys(Long.toString(alpha), Long.toString(beta));
        assertThat(weights.get(Long.toString(alpha))).isEqualTo(1.0);
        assertThat(weights.get(Long.toString(beta))).isEqualTo(worse.weight().doubleValue());
    }

    @Test
    void theDatabaseCountsHoursAndDelayBucketsExactlyAsThePolicyWould() {
        // Milliseconds, as the topics carry them.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        DelayGrid grid = DelayGrid.upTo(Duration.ofDays(14));
        long alpha = offer("Casino Alpha", true);
        // Windows at awkward offsets, with delays on and around the grid's points, one from a cohort too old to count.
        List<Instant> starts = List.of(now.minus(Duration.ofMinutes(17)), now.minus(Duration.ofHours(5)),
                now.minus(Duration.ofDays(3).plusMinutes(7)), now.minus(Duration.ofDays(20)));
        List<List<Long>> delays = List.of(List.of(0L, 299_999L, 300_000L),
                List.of(Duration.ofHours(4).toMillis(), Duration.ofMinutes(61).toMillis()),
                List.of(Duration.ofDays(2).toMillis(), Duration.ofDays(3).toMillis()),
                List.of(Duration.ofDays(7).toMillis(), Duration.ofDays(9).toMillis()));
        DelayObservations expected = new DelayObservations(grid);
        for (int i = 0; i < starts.size(); i++) {
            windowAt(alpha, starts.get(i), 100 + i, delays.get(i).size(), delays.get(i));
            for (long delay : delays.get(i)) {
                long cohortAge = Duration.between(starts.get(i), now).toMillis() + delay;
                if (cohortAge <= Duration.ofDays(28).toMillis()) {
                    expected.add(cohortAge, delay);
                }
            }
        }
        revenueAt(alpha, now.minus(Duration.ofMinutes(90)), "10", "EUR");
        revenueAt(alpha, now.minus(Duration.ofMinutes(80)), "20", "EUR");

        OfferEvidence loaded = evidenceQuery.load(now, Duration.ofDays(28), grid)
            .stream()
            .filter(offer -> offer.offerId() == alpha)
            .findFirst()
            .orElseThrow();

        assertThat(loaded.delays()).isEqualTo(expected);
        assertThat(loaded.hours()).allSatisfy(hour -> assertThat(hour.start().toEpochMilli() % 3_600_000).isZero());
        assertThat(loaded.hours()).filteredOn(hour -> hour.clicks() > 0)
            .extracting(OfferEvidence.Hour::clicks)
            .containsExactly(103L, 102L, 101L, 100L);
        // 30 EUR at 1.08, and the entries' squares 10^2 + 20^2 at 1.08^2.
        assertThat(loaded.hours().stream().mapToDouble(hour -> hour.withDeposit().amount()).sum()).isCloseTo(32.4,
                within(1e-9));
        assertThat(loaded.hours().stream().mapToDouble(hour -> hour.withDeposit().squares()).sum())
            .isCloseTo(500 * 1.08 * 1.08, within(1e-9));
        assertThat(loaded.revenue()).singleElement().satisfies(revenue -> {
            assertThat(revenue.currency()).isEqualTo("EUR");
            assertThat(revenue.amount()).isEqualByComparingTo("30");
        });
    }

    private static double point(JsonNode points, String after) {
        for (JsonNode point : points) {
            if (point.get("after").asString().equals(after)) {
                return point.get("arrived").asDouble();
            }
        }
        throw new AssertionError("no point " + after + " in " + points);
    }
}
