package io.croupier.click.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import io.croupier.click.offer.UrlTemplate;
import io.croupier.events.RoutingMode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OfferRouterTest {

    private static final int CLICKS = 200_000;

    private static final double TOLERANCE = 0.005;

    private final RoutableOffer a = offer(1);

    private final RoutableOffer b = offer(2);

    private final RoutableOffer c = offer(3);

    @Test
    void eightyPercentOfTrafficFollowsTheWeightsAndTwentyPercentIsSpreadEvenly() {
        RoutingTable table = RoutingTable.of(List.of(a, b, c), weights("set-1", Map.of("1", 3.0, "2", 1.0, "3", 0.0)));

        Map<Long, Double> shares = shares(new OfferRouter(0.20), table);

        // share = 80 % x weight / total weight + 20 % / 3 offers
        assertThat(shares.get(1L)).isCloseTo(0.8 * 3 / 4 + 0.2 / 3, within(TOLERANCE));
        assertThat(shares.get(2L)).isCloseTo(0.8 * 1 / 4 + 0.2 / 3, within(TOLERANCE));
        assertThat(shares.get(3L)).isCloseTo(0.2 / 3, within(TOLERANCE));
    }

    @Test
    void explorationClicksAreSpreadEvenlyAndMarkedAsExploration() {
        RoutingTable table = RoutingTable.of(List.of(a, b, c), weights("set-1", Map.of("1", 1.0)));
        OfferRouter router = new OfferRouter(0.20);
        Random random = new Random(7);
        Map<Long, Integer> explored = new HashMap<>();
        int exploration = 0;
        for (int i = 0; i < CLICKS; i++) {
            Route route = router.route(table, random).orElseThrow();
            if (route.mode() == RoutingMode.EXPLORATION) {
                exploration++;
                explored.merge(route.offer().id(), 1, Integer::sum);
            }
            else {
                assertThat(route.offer()).isEqualTo(a);
            }
            assertThat(route.weightSetId()).isEqualTo("set-1");
        }
        assertThat((double) exploration / CLICKS).isCloseTo(0.20, within(TOLERANCE));
        for (long offer : List.of(1L, 2L, 3L)) {
            assertThat((double) explored.get(offer) / exploration).isCloseTo(1.0 / 3, within(0.01));
        }
    }

    @Test
    void theExplorationRateIsConfigurable() {
        RoutingTable table = RoutingTable.of(List.of(a, b), weights("set-1", Map.of("1", 1.0)));
        Random random = new Random(11);

        for (int i = 0; i < 1000; i++) {
            assertThat(new OfferRouter(0).route(table, random).orElseThrow().mode()).isEqualTo(RoutingMode.WEIGHTED);
            assertThat(new OfferRouter(1).route(table, random).orElseThrow().mode())
                .isEqualTo(RoutingMode.EXPLORATION);
        }
        assertThat(shares(new OfferRouter(0.5), table).get(2L)).isCloseTo(0.25, within(TOLERANCE));
    }

    @Test
    void untilTheFirstWeightsArriveEveryActiveOfferWeighsTheSame() {
        RoutingTable table = RoutingTable.of(List.of(a, b, c), null);

        Map<Long, Double> shares = shares(new OfferRouter(0.20), table);

        assertThat(table.weightSetId()).isNull();
        shares.values().forEach(share -> assertThat(share).isCloseTo(1.0 / 3, within(TOLERANCE)));
    }

    @Test
    void aWeightSetNamingNoActiveOfferRoutesEvenly() {
        RoutingTable table = RoutingTable.of(List.of(a, b), weights("set-9", Map.of("99", 1.0)));

        assertThat(table.weightSetId()).isNull();
        assertThat(shares(new OfferRouter(0.20), table).get(1L)).isCloseTo(0.5, within(TOLERANCE));
    }

    @Test
    void anOfferTheWeightSetDoesNotNameGetsOnlyItsExplorationShare() {
        RoutingTable table = RoutingTable.of(List.of(a, b), weights("set-2", Map.of("1", 0.4)));

        assertThat(shares(new OfferRouter(0.20), table).get(2L)).isCloseTo(0.10, within(TOLERANCE));
    }

    @Test
    void withoutActiveOffersThereIsNoRoute() {
        assertThat(new OfferRouter(0.2).route(RoutingTable.of(List.of(), null), new Random(1))).isEmpty();
    }

    @Test
    void anInactiveOfferCannotBeNamedDirectly() {
        RoutingTable table = RoutingTable.of(List.of(a), null);

        assertThat(table.active(1)).contains(a);
        assertThat(table.active(2)).isEmpty();
    }

    private static Map<Long, Double> shares(OfferRouter router, RoutingTable table) {
        Random random = new Random(42);
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < CLICKS; i++) {
            counts.merge(router.route(table, random).orElseThrow().offer().id(), 1, Integer::sum);
        }
        Map<Long, Double> shares = new HashMap<>();
        counts.forEach((offer, count) -> shares.put(offer, (double) count / CLICKS));
        return shares;
    }

    private static WeightSet weights(String id, Map<String, Double> weights) {
        return new WeightSet(id, weights);
    }

    private static RoutableOffer offer(long id) {
        return new RoutableOffer(id, Long.toString(id), UrlTemplate.parse("https://casino" + id + ".example/"),
                false);
    }
}
