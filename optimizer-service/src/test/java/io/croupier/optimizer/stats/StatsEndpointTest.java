package io.croupier.optimizer.stats;

import java.util.List;

import io.croupier.optimizer.SeedPolicyIntegrationTest;
import io.croupier.optimizer.weights.WeightSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001's {@code GET /admin/stats}, field for field. */
class StatsEndpointTest extends SeedPolicyIntegrationTest {

    private static final List<String> SEED_FIELDS = List.of("id", "name", "total_clicks", "total_ftds",
            "total_payout", "conversion_rate", "ev", "weight", "active");

    @Test
    void statsHaveTheSeedShapeAndTheSeedExampleNumbers() {
        long alpha = offer("Casino Alpha", true);
        // The seed's example row: 1500 clicks, 45 FTDs, 4500 paid, 3 % conversion, EV 3.0, weight 1.0.
        window(alpha, 0, 500, 15);
        window(alpha, 1, 1000, 30);
        revenue(alpha, 0, "1500", "USD");
        revenue(alpha, 1, "3000", "USD");
        WeightSet set = updateWeights();

        JsonNode row = rowOf(alpha);

        assertThat(row.propertyNames()).containsAll(SEED_FIELDS);
        assertThat(row.get("id").isIntegralNumber()).isTrue();
        assertThat(row.get("id").asLong()).isEqualTo(alpha);
        assertThat(row.get("name").asString()).isEqualTo("Casino Alpha");
        assertThat(row.get("total_clicks").asLong()).isEqualTo(1500);
        assertThat(row.get("total_ftds").asLong()).isEqualTo(45);
        assertThat(row.get("total_payout").decimalValue()).isEqualByComparingTo("4500");
        assertThat(row.get("conversion_rate").decimalValue()).isEqualByComparingTo("3.0");
        assertThat(row.get("ev").decimalValue()).isEqualByComparingTo("3.0");
        assertThat(row.get("weight").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(row.get("active").asBoolean()).isTrue();
        assertThat(row.get("weight_set_id").asLong()).isEqualTo(set.weightSetId());
    }

    @Test
    void statsTotalsAreAllTimeWhileEvAndWeightAreOverTheLastNClicks() {
        long alpha = offer("Casino Alpha", true);
        window(alpha, 0, 1000, 50);
        revenue(alpha, 0, "5000", "USD");
        window(alpha, 1, 1000, 10);
        revenue(alpha, 1, "1000", "USD");
        updateWeights();

        JsonNode row = rowOf(alpha);

        assertThat(row.get("total_clicks").asLong()).isEqualTo(2000);
        assertThat(row.get("total_payout").decimalValue()).isEqualByComparingTo("6000");
        assertThat(row.get("conversion_rate").decimalValue()).isEqualByComparingTo("3.0");
        assertThat(row.get("ev").decimalValue()).isEqualByComparingTo("1.0");
    }

    @Test
    void anInactiveOfferIsListedWithWeightZero() {
        long closed = offer("Casino Closed", false);
        long open = offer("Casino Open", true);
        updateWeights();

        assertThat(rowOf(closed).get("active").asBoolean()).isFalse();
        assertThat(rowOf(closed).get("weight").decimalValue()).isZero();
        assertThat(rowOf(open).get("weight").decimalValue()).isEqualByComparingTo("0.1");
    }

    @Test
    void anOfferNewerThanTheNewestSetShowsNoSet() {
        offer("Casino Alpha", true);
        updateWeights();
        long fresh = offer("Casino Fresh", false);

        JsonNode row = rowOf(fresh);

        assertThat(row.get("ev").decimalValue()).isZero();
        assertThat(row.get("weight").decimalValue()).isZero();
        assertThat(row.get("weight_set_id").isNull()).isTrue();
    }

    private JsonNode rowOf(long offerId) {
        JsonNode stats = JsonMapper.shared().readTree(http.get().uri("/admin/stats").retrieve().body(String.class));
        assertThat(stats.isArray()).isTrue();
        for (JsonNode row : stats) {
            if (row.get("id").asLong() == offerId) {
                return row;
            }
        }
        throw new AssertionError("offer " + offerId + " not in stats: " + stats);
    }
}
