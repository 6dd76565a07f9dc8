package io.croupier.analytics.reconciliation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fallback match of seed 002: a purchase and a confirmation that did not match by transaction id match when
 * they have the same player, currency and amount and are at most {@code tolerance} apart, edges included (10:00
 * apart matches, 10:00.001 does not). Within each player, currency and amount, purchases are taken in time order
 * and each takes the earliest confirmation not yet taken that is within reach. This pairs as many as any pairing
 * could, and a pair never depends on anything outside its chain of sides less than the tolerance apart.
 */
final class PlayerAmountMatcher {

    private static final Comparator<Side> IN_TIME_ORDER = Comparator.comparing(Side::time).thenComparing(Side::key);

    private final Duration tolerance;

    PlayerAmountMatcher(Duration tolerance) {
        this.tolerance = tolerance;
    }

    List<Pair> match(List<Side> purchases, List<Side> confirmations) {
        Map<String, List<Side>> confirmationsByGroup = byGroup(confirmations);
        List<Pair> pairs = new ArrayList<>();
        byGroup(purchases).forEach((group, groupPurchases) -> {
            List<Side> candidates = confirmationsByGroup.get(group);
            if (candidates != null) {
                pairs.addAll(matchInGroup(groupPurchases, candidates));
            }
        });
        return pairs;
    }

    private List<Pair> matchInGroup(List<Side> purchases, List<Side> confirmations) {
        List<Pair> pairs = new ArrayList<>();
        int next = 0;
        for (Side purchase : purchases) {
            // Every confirmation before next is taken or too early for this purchase, and so for every later one.
            while (next < confirmations.size()
                    && confirmations.get(next).time().isBefore(purchase.time().minus(tolerance))) {
                next++;
            }
            if (next < confirmations.size()
                    && !confirmations.get(next).time().isAfter(purchase.time().plus(tolerance))) {
                pairs.add(new Pair(purchase, confirmations.get(next)));
                next++;
            }
        }
        return pairs;
    }

    private static Map<String, List<Side>> byGroup(List<Side> sides) {
        Map<String, List<Side>> groups = new LinkedHashMap<>();
        sides.stream()
            .filter(side -> side.playerId() != null)
            .sorted(IN_TIME_ORDER)
            .forEach(side -> groups.computeIfAbsent(side.group(), group -> new ArrayList<>()).add(side));
        return groups;
    }

    record Pair(Side purchase, Side confirmation) {
    }
}
