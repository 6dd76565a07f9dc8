package io.croupier.optimizer.weights;

import java.util.Map;
import java.util.stream.Collectors;

import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;
import io.croupier.optimizer.SeedPolicyIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Seed 001's EV and weight rules, from events on the real topics to the published weight set. */
class WeightSetFromPerformanceTest extends SeedPolicyIntegrationTest {

    @Test
    void evIsConversionRateTimesAveragePayoutAndWeightIsEvOverMaxEvWithAFloor() {
        long alpha = offer("Casino Alpha", true);
        long beta = offer("Casino Beta", true);
        long gamma = offer("Casino Gamma", true);
        long idle = offer("Casino Idle", true);
        long closed = offer("Casino Closed", false);
        // Alpha: 600 + 400 clicks, 20 + 10 FTDs, 3000 paid: EV = (30 / 1000) × 100 = 3.0.
        window(alpha, 0, 600, 20);
        window(alpha, 1, 400, 10);
        revenue(alpha, 0, "2000", "USD");
        revenue(alpha, 1, "1000", "USD");
        // Beta: 1000 clicks, 8 FTDs, 1200 paid: EV = (8 / 1000) × 150 = 1.2, weight 1.2 / 3.0 = 0.4.
        window(beta, 0, 1000, 8);
        revenue(beta, 0, "1200", "USD");
        // Gamma: 1000 clicks, 1 FTD, 150 paid: EV 0.15, weight 0.05 lifted to the floor 0.1.
        window(gamma, 0, 1000, 1);
        revenue(gamma, 0, "150", "USD");
        // Idle has no data at all; Closed converts best of all but is inactive.
        window(closed, 0, 1000, 90);
        revenue(closed, 0, "9000", "USD");

        WeightSet set = updateWeights();

        assertThat(entry(set, alpha).clicks()).isEqualTo(1000);
        assertThat(entry(set, alpha).ftds()).isEqualTo(30);
        assertThat(entry(set, alpha).conversionRate()).isEqualByComparingTo("3.0");
        assertThat(entry(set, alpha).averagePayout()).isEqualByComparingTo("100");
        assertThat(entry(set, alpha).ev()).isEqualByComparingTo("3.0");
        assertThat(entry(set, alpha).weight()).isEqualByComparingTo("1.0");
        assertThat(entry(set, beta).ev()).isEqualByComparingTo("1.2");
        assertThat(entry(set, beta).weight()).isEqualByComparingTo("0.4");
        assertThat(entry(set, gamma).ev()).isEqualByComparingTo("0.15");
        assertThat(entry(set, gamma).weight()).isEqualByComparingTo("0.1");
        assertThat(entry(set, idle).clicks()).isZero();
        assertThat(entry(set, idle).weight()).isEqualByComparingTo("0.1");
        assertThat(entry(set, closed).ev()).isEqualByComparingTo("9.0");
        assertThat(entry(set, closed).weight()).isZero();
        assertThat(set.maxEv()).isEqualByComparingTo("3.0");

        assertThat(weightsOf(published(set.weightSetId()))).containsOnlyKeys(Long.toString(alpha),
                Long.toString(beta), Long.toString(gamma), Long.toString(idle));
        assertThat(weightsOf(published(set.weightSetId())).get(Long.toString(beta))).isCloseTo(0.4, within(1e-9));
        assertThat(weightsOf(published(set.weightSetId())).get(Long.toString(idle))).isCloseTo(0.1, within(1e-9));
    }

    @Test
    void theLastNClicksWindowSlidesPastOldData() {
        long alpha = offer("Casino Alpha", true);
        long beta = offer("Casino Beta", true);
        // Alpha's first 1000 clicks convert well: EV 3.0. Beta steadily earns EV 2.0.
        window(alpha, 0, 500, 15);
        window(alpha, 1, 500, 15);
        revenue(alpha, 0, "1500", "USD");
        revenue(alpha, 1, "1500", "USD");
        window(beta, 0, 1000, 20);
        revenue(beta, 0, "2000", "USD");

        WeightSet before = updateWeights();

        assertThat(entry(before, alpha).ev()).isEqualByComparingTo("3.0");
        assertThat(entry(before, alpha).weight()).isEqualByComparingTo("1.0");
        assertThat(entry(before, beta).weight()).isEqualByComparingTo("0.666667");

        // Alpha's next 1000 clicks convert badly (EV 1.0): its last 1000 clicks no longer include windows 0 and 1.
        window(alpha, 2, 600, 6);
        window(alpha, 3, 400, 4);
        revenue(alpha, 2, "600", "USD");
        revenue(alpha, 3, "400", "USD");

        WeightSet after = updateWeights();

        assertThat(entry(after, alpha).clicks()).isEqualTo(1000);
        assertThat(entry(after, alpha).sampleSince()).isEqualTo(windowStart(2));
        assertThat(entry(after, alpha).ev()).isEqualByComparingTo("1.0");
        assertThat(entry(after, alpha).weight()).isEqualByComparingTo("0.5");
        assertThat(entry(after, beta).weight()).isEqualByComparingTo("1.0");
        assertThat(weightsOf(published(after.weightSetId())).get(Long.toString(alpha))).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void theWindowThatCrossesNClicksIsTakenWhole() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 400, 4);
        window(alpha, 1, 400, 8);
        window(alpha, 2, 400, 12);
        revenue(alpha, 0, "400", "USD");
        revenue(alpha, 1, "800", "USD");
        revenue(alpha, 2, "1200", "USD");

        WeightSet set = updateWeights();

        // Windows 2 and 1 hold 800 clicks, fewer than 1000, so window 0 is taken too: all 1200 clicks.
        assertThat(entry(set, alpha).clicks()).isEqualTo(1200);
        assertThat(entry(set, alpha).ftds()).isEqualTo(24);
        assertThat(entry(set, alpha).ev()).isEqualByComparingTo("2.0");
    }

    @Test
    void revenueOutsideTheSampledWindowsDoesNotCount() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 50);
        revenue(alpha, 0, "5000", "USD");
        window(alpha, 1, 1000, 10);
        revenue(alpha, 1, "1000", "USD");

        WeightSet set = updateWeights();

        assertThat(entry(set, alpha).payout()).isEqualByComparingTo("1000");
        assertThat(entry(set, alpha).ev()).isEqualByComparingTo("1.0");
    }

    @Test
    void everyComputedSetIsKeptWithItsInputs() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 10);
        revenue(alpha, 0, "700", "USD");
        revenue(alpha, 0, "300", "USD");

        WeightSet computed = updateWeights();
        WeightSet stored = http.get()
            .uri("/admin/weight-sets/{id}", computed.weightSetId())
            .retrieve()
            .body(WeightSet.class);

        assertThat(stored).isEqualTo(computed);
        assertThat(stored.trigger()).isEqualTo(WeightSet.Trigger.ON_DEMAND);
        assertThat(stored.lastNClicks()).isEqualTo(1000);
        assertThat(stored.weightFloor()).isEqualByComparingTo("0.1");
        assertThat(entry(stored, alpha).sampleSince()).isEqualTo(windowStart(0));
        assertThat(entry(stored, alpha).revenue()).singleElement().satisfies(revenue -> {
            assertThat(revenue.currency()).isEqualTo("USD");
            assertThat(revenue.amount()).isEqualByComparingTo("1000");
        });
    }

    private static Map<String, Double> weightsOf(OfferWeights weights) {
        return weights.getWeights().stream().collect(Collectors.toMap(OfferWeight::getOfferId, OfferWeight::getWeight));
    }
}
