package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.croupier.events.OfferWeights;
import io.croupier.optimizer.OptimizerIntegrationTest;
import io.croupier.optimizer.weights.WeightSet;
import io.croupier.routing.Candidate;
import io.croupier.routing.Route;
import io.croupier.routing.RoutingTable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A dropped offer found changed from the stored windows, explained, published, and routed away from. */
class ChangedOfferWeightSetTest extends OptimizerIntegrationTest {

    /**
     * Alpha converted 5 % of 1,000 clicks a day for a week, then 1 % for the last three days: 3.8 % over the ten days,
     * better on average than Beta's steady 3 %, though worse now. Both pay 100 per deposit, deposits two hours after
     * the click. Of Alpha's 380 deposits the last 72 hours were due 3/10 (114) and brought 30.
     */
    @Test
    void aDroppedOfferIsFoundChangedAndClicksGoToTheOfferThatIsBetterNow() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        long alpha = offer("Casino Alpha", true);
        long beta = offer("Casino Beta", true);
        for (int daysAgo = 1; daysAgo <= 10; daysAgo++) {
            Instant day = now.minus(Duration.ofDays(daysAgo));
            int alphaDeposits = daysAgo <= 3 ? 10 : 50;
            windowAt(alpha, day, 1000, alphaDeposits, Collections.nCopies(alphaDeposits,
                    Duration.ofHours(2).toMillis()));
            revenueAt(alpha, day.plusSeconds(60), Integer.toString(alphaDeposits * 100), "USD");
            windowAt(beta, day, 1000, 30, Collections.nCopies(30, Duration.ofHours(2).toMillis()));
            revenueAt(beta, day.plusSeconds(60), "3000", "USD");
        }

        WeightSet set = updateWeights();

        assertThat(set.settings().get("change_significance").asDouble()).isEqualTo(1e-4);
        assertThat(set.settings().get("change_minimum").decimalValue()).isEqualByComparingTo("0.25");
        JsonNode dropped = entry(set, alpha).evidence();
        assertThat(dropped.get("change_detected").asBoolean()).isTrue();
        assertThat(Instant.parse(dropped.get("changed_since").asString())).isEqualTo(now.minus(Duration.ofHours(72)));
        // (30 / 3,000) / (350 / 7,000): a fifth.
        assertThat(dropped.get("change_ratio").asDouble()).isCloseTo(0.2, within(0.01));
        assertThat(dropped.get("change_p_value").asDouble()).isLessThan(1e-10);
        assertThat(dropped.get("observed_conversion_rate").asDouble()).isCloseTo(0.038, within(1e-9));
        assertThat(dropped.get("corrected_conversion_rate").asDouble()).isCloseTo(0.01, within(0.002));
        JsonNode steady = entry(set, beta).evidence();
        assertThat(steady.get("change_detected").asBoolean()).isFalse();
        assertThat(steady.get("changed_since").isNull()).isTrue();
        assertThat(entry(set, beta).weight()).isEqualByComparingTo("1");
        assertThat(entry(set, alpha).weight().doubleValue()).isLessThan(0.05);

        // Clicks routed as click-service routes them, by the published set.
        OfferWeights published = published(set.weightSetId());
        RoutingTable<Long> table = RoutingTable.of(List.of(new Candidate<>(Long.toString(alpha), 1.0, alpha),
                new Candidate<>(Long.toString(beta), 1.0, beta)), io.croupier.routing.WeightSet.of(published));
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        Map<Long, Long> routed = IntStream.range(0, 10_000)
            .mapToObj(click -> table.route(random).orElseThrow())
            .collect(Collectors.groupingBy(Route::offer, Collectors.counting()));
        assertThat(routed.getOrDefault(alpha, 0L)).isBetween(1L, 500L);
        assertThat(routed.get(beta)).isGreaterThan(9_500L);
    }
}
