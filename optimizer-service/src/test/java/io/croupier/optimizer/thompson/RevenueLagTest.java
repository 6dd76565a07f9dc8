package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reading the lag of later revenue from aggregates alone, and the value per deposit it gives. */
class RevenueLagTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");

    private static final int HOURS = 42 * 24;

    /**
     * Deposits doubled a week ago; each deposit is worth 200 of later revenue arriving exponentially with a mean of
     * five days, exactly as expected (no luck). The five-day candidate explains the daily revenue perfectly.
     */
    @Test
    void theLagThatExplainsTheRevenueGetsTheWeight() {
        RevenueLag lag = RevenueLag.fit(List.of(series(Duration.ofDays(5), 200)), 28 * 24);

        // Its neighbours explain the revenue a little worse and keep a little weight.
        assertThat(lag.mean().toMinutes()).isCloseTo(Duration.ofDays(5).toMinutes(), within(10L));
    }

    @Test
    void underTheRightLagTheValuePerDepositIsRevenueOverTheDepositsDue() {
        Series offer = series(Duration.ofDays(5), 200);
        RevenueLag lag = RevenueLag.fit(List.of(offer), 28 * 24);

        // Over the last 28 days, later revenue over arrivals under the fitted lag gives back 200 per deposit, though a
        // quarter of the newest deposits' revenue is still to come.
        double revenue = 0;
        double due = 0;
        for (int c = 0; c < lag.candidates(); c++) {
            if (lag.weight(c) > 0.5) {
                double[] arrivals = lag.arrivals(c, offer);
                for (int h = HOURS - 28 * 24; h < HOURS; h++) {
                    revenue += offer.laterRevenue(h);
                    due += arrivals[h];
                }
            }
        }
        assertThat(revenue / due).isCloseTo(200, within(0.5));
    }

    @Test
    void withoutLaterRevenueEveryLagIsAsGoodAndNoneMatters() {
        RevenueLag lag = RevenueLag.fit(List.of(series(Duration.ofDays(5), 0)), 28 * 24);

        double total = 0;
        for (int c = 0; c < lag.candidates(); c++) {
            total += lag.weight(c);
            assertThat(lag.weight(c)).isCloseTo(1.0 / lag.candidates(), within(1e-12));
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    /**
     * Six weeks of first deposits, 10 an hour then 20 an hour for the last week, and the later revenue they bring
     * at the given lag (every deposit at the start of its hour, each hour's revenue its expected share).
     */
    private static Series series(Duration lag, double value) {
        double kept = Math.exp(-1.0 / lag.toHours());
        List<OfferEvidence.Hour> hours = new ArrayList<>();
        double pending = 0;
        Instant first = NOW.minus(Duration.ofHours(HOURS));
        for (int h = 0; h < HOURS; h++) {
            long deposits = h < HOURS - 7 * 24 ? 10 : 20;
            pending = pending * kept + deposits;
            double later = value * pending * (1 - kept);
            hours.add(new OfferEvidence.Hour(first.plus(Duration.ofHours(h)), 0, deposits, OfferEvidence.Earned.NONE,
                    new OfferEvidence.Earned(later, later * 10, later / 10)));
        }
        return Series.of(new OfferEvidence(1, "RevShare", true, hours, new DelayObservations(
                DelayGrid.upTo(Duration.ofDays(14))), List.of()), NOW, Duration.ofHours(HOURS));
    }
}
