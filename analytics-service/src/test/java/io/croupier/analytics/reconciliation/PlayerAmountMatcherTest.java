package io.croupier.analytics.reconciliation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The ±10 minute fallback on its own. */
class PlayerAmountMatcherTest {

    private static final Instant NOON = Instant.parse("2025-01-10T12:00:00Z");

    private final PlayerAmountMatcher matcher = new PlayerAmountMatcher(Duration.ofMinutes(10));

    @Test
    void tenMinutesApartMatchesAndAMillisecondMoreDoesNot() {
        Side purchase = purchase("p", NOON, "10.00");

        assertThat(matcher.match(List.of(purchase), List.of(confirmation("c", NOON.plusSeconds(600), "10"))))
            .hasSize(1);
        assertThat(matcher.match(List.of(purchase), List.of(confirmation("c", NOON.minusSeconds(600), "10.0"))))
            .hasSize(1);
        assertThat(matcher.match(List.of(purchase),
                List.of(confirmation("c", NOON.plusSeconds(600).plusMillis(1), "10.00")))).isEmpty();
    }

    @Test
    void anotherPlayerAmountOrCurrencyNeverMatches() {
        Side purchase = purchase("p", NOON, "10.00");
        Side otherPlayer = new Side("gateway", "c1", null, "q", NOON, new BigDecimal("10.00"), "USD");
        Side otherAmount = confirmation("c2", NOON, "10.01");
        Side otherCurrency = new Side("gateway", "c3", null, "p", NOON, new BigDecimal("10.00"), "EUR");

        assertThat(matcher.match(List.of(purchase), List.of(otherPlayer, otherAmount, otherCurrency))).isEmpty();
    }

    @Test
    void eachSideIsUsedOnceAndAsManyPairsAsPossibleAreMade() {
        // Closest-first would pair p1 with c2 (1 min) and leave p2 (12:02) without c1 (11:51, 11 min away).
        Side p1 = purchase("p1", NOON, "5.00");
        Side p2 = purchase("p2", NOON.plusSeconds(120), "5.00");
        Side c1 = confirmation("c1", NOON.minusSeconds(540), "5.00");
        Side c2 = confirmation("c2", NOON.plusSeconds(60), "5.00");

        List<PlayerAmountMatcher.Pair> pairs = matcher.match(List.of(p2, p1), List.of(c2, c1));

        assertThat(pairs).extracting(pair -> pair.purchase().key() + "-" + pair.confirmation().key())
            .containsExactlyInAnyOrder("p1-c1", "p2-c2");
    }

    private static Side purchase(String key, Instant time, String amount) {
        return new Side("provider", key, null, "p", time, new BigDecimal(amount), "USD");
    }

    private static Side confirmation(String key, Instant time, String amount) {
        return new Side("gateway", key, null, "p", time, new BigDecimal(amount), "USD");
    }
}
