package io.croupier.routing;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.croupier.events.OfferWeight;
import io.croupier.events.OfferWeights;
import io.croupier.events.RoutingMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RoutingTableTest {

    private static final int CLICKS = 200_000;

    private static final double TOLERANCE = 0.005;

    private final Candidate<String> a = offer("1", 1.0);

    private final Candidate<String> b = offer("2", 1.0);

    private final Candidate<String> c = offer("3", 1.0);

    @Test
    void theSetsExplorationShareIsSpreadEvenlyAndTheRestFollowsTheWeights() {
        RoutingTable<String> table = RoutingTable.of(List.of(a, b, c),
                set("set-1", 0.20, Map.of("1", 3.0, "2", 1.0, "3", 0.0)));

        Map<String, Double> shares = shares(table);

        // seed 001: share = 80 % x weight / total weight + 20 % / 3 offers
        assertThat(shares.get("1")).isCloseTo(0.8 * 3 / 4 + 0.2 / 3, within(TOLERANCE));
        assertThat(shares.get("2")).isCloseTo(0.8 * 1 / 4 + 0.2 / 3, within(TOLERANCE));
        assertThat(shares.get("3")).isCloseTo(0.2 / 3, within(TOLERANCE));
    }

    @Test
    void explorationClicksAreSpreadEvenlyAndMarkedAsExploration() {
        RoutingTable<String> table = RoutingTable.of(List.of(a, b, c), set("set-1", 0.20, Map.of("1", 1.0,
                "2", 0.0, "3", 0.0)));
        Random random = new Random(7);
        Map<String, Integer> explored = new HashMap<>();
        int exploration = 0;
        for (int i = 0; i < CLICKS; i++) {
            Route<String> route = table.route(random).orElseThrow();
            if (route.mode() == RoutingMode.EXPLORATION) {
                exploration++;
                explored.merge(route.offer(), 1, Integer::sum);
            }
            else {
                assertThat(route.mode()).isEqualTo(RoutingMode.WEIGHTED);
                assertThat(route.offer()).isEqualTo("1");
            }
            assertThat(route.weightSetId()).isEqualTo("set-1");
        }
        assertThat((double) exploration / CLICKS).isCloseTo(0.20, within(TOLERANCE));
        for (String offer : List.of("1", "2", "3")) {
            assertThat((double) explored.get(offer) / exploration).isCloseTo(1.0 / 3, within(0.01));
        }
    }

    @Test
    void aSetWithoutExplorationRoutesEveryClickByWeight() {
        RoutingTable<String> table = RoutingTable.of(List.of(a, b), set("set-1", 0, Map.of("1", 0.9, "2", 0.1)));
        Random random = new Random(11);

        for (int i = 0; i < 1000; i++) {
            assertThat(table.route(random).orElseThrow().mode()).isEqualTo(RoutingMode.WEIGHTED);
        }
        assertThat(shares(table).get("2")).isCloseTo(0.10, within(TOLERANCE));
    }

    @Test
    void aSetReadFromTheTopicKeepsItsExplorationRate() {
        WeightSet set = WeightSet.of(OfferWeights.newBuilder()
            .setWeightSetId("7")
            .setComputedAt(Instant.EPOCH)
            .setExplorationRate(0.05)
            .setWeights(List.of(new OfferWeight("1", 1.0), new OfferWeight("2", 0.25)))
            .build());

        assertThat(set).isEqualTo(new WeightSet("7", 0.05, Map.of("1", 1.0, "2", 0.25)));
    }

    @Test
    void beforeTheFirstSetTheManualWeightsRouteEveryClick() {
        RoutingTable<String> table = RoutingTable.of(List.of(offer("1", 3.0), offer("2", 1.0)), null);
        Random random = new Random(3);

        for (int i = 0; i < 1000; i++) {
            Route<String> route = table.route(random).orElseThrow();
            assertThat(route.mode()).isEqualTo(RoutingMode.WEIGHTED);
            assertThat(route.weightSetId()).isNull();
        }
        assertThat(shares(table).get("1")).isCloseTo(0.75, within(TOLERANCE));
    }

    @Test
    void equalManualWeightsBeforeTheFirstSetRouteEvenly() {
        RoutingTable<String> table = RoutingTable.of(List.of(a, b, c), null);

        shares(table).values().forEach(share -> assertThat(share).isCloseTo(1.0 / 3, within(TOLERANCE)));
    }

    @Test
    void anOfferTheSetDoesNotNameWeighsItsManualWeightOnTheSetsScale() {
        // The set's largest weight (0.5) counts as 1: the new offer's manual 0.5 weighs 0.25 beside 0.5 and 0.25.
        Candidate<String> newcomer = offer("3", 0.5);
        RoutingTable<String> table = RoutingTable.of(List.of(a, b, newcomer),
                set("set-2", 0, Map.of("1", 0.5, "2", 0.25)));

        Map<String, Double> shares = shares(table);

        assertThat(table.weightSetId()).isEqualTo("set-2");
        assertThat(shares.get("1")).isCloseTo(0.5, within(TOLERANCE));
        assertThat(shares.get("2")).isCloseTo(0.25, within(TOLERANCE));
        assertThat(shares.get("3")).isCloseTo(0.25, within(TOLERANCE));
    }

    @Test
    void aManualWeightOfZeroKeepsANewOfferToItsExplorationShare() {
        RoutingTable<String> table = RoutingTable.of(List.of(a, offer("2", 0)), set("set-2", 0.20, Map.of("1", 0.4)));

        assertThat(shares(table).get("2")).isCloseTo(0.10, within(TOLERANCE));
    }

    @Test
    void aSetNamingNoActiveOfferIsIgnoredForTheManualWeights() {
        RoutingTable<String> table = RoutingTable.of(List.of(offer("1", 1.0), offer("2", 3.0)),
                set("set-9", 0.2, Map.of("99", 1.0)));

        assertThat(table.weightSetId()).isNull();
        assertThat(shares(table).get("2")).isCloseTo(0.75, within(TOLERANCE));
    }

    @Test
    void whenNoOfferCarriesAnyWeightEveryOfferWeighsTheSame() {
        RoutingTable<String> table = RoutingTable.of(List.of(offer("1", 0), offer("2", 0)), null);

        assertThat(shares(table).get("1")).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void withoutActiveOffersThereIsNoRoute() {
        assertThat(RoutingTable.<String>empty().route(new Random(1))).isEmpty();
    }

    @Test
    void onlyAnActiveOfferCanBeNamedDirectly() {
        RoutingTable<String> table = RoutingTable.of(List.of(a), set("set-3", 0.2, Map.of("1", 1.0)));

        assertThat(table.direct("1")).contains(new Route<>("1", RoutingMode.DIRECT, "set-3"));
        assertThat(table.direct("2")).isEmpty();
    }

    private static Map<String, Double> shares(RoutingTable<String> table) {
        Random random = new Random(42);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < CLICKS; i++) {
            counts.merge(table.route(random).orElseThrow().offer(), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((offer, count) -> shares.put(offer, (double) count / CLICKS));
        return shares;
    }

    private static WeightSet set(String id, double explorationRate, Map<String, Double> weights) {
        return new WeightSet(id, explorationRate, weights);
    }

    private static Candidate<String> offer(String id, double manualWeight) {
        return new Candidate<>(id, manualWeight, id);
    }
}
