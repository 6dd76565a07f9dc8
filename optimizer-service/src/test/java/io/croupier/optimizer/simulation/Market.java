package io.croupier.optimizer.simulation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.croupier.optimizer.seed.OfferSample;
import io.croupier.optimizer.thompson.DelayGrid;
import io.croupier.optimizer.thompson.DelayObservations;
import io.croupier.optimizer.thompson.OfferEvidence;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.ContinuousDistribution;

/**
 * The simulated world of one run: what each routed click leads to, drawn from its offer's truth, and the aggregates
 * the platform would hold about it. Time is in milliseconds since {@link #START}. Everything a click causes (its first
 * deposit, the CPA, the RevShare instalments) is booked at the moment it happens, in ten-minute windows like
 * attribution-service's; a policy reads only windows that have passed.
 */
final class Market {

    static final Instant START = Instant.parse("2026-01-05T00:00:00Z");

    static final long WINDOW = Duration.ofMinutes(10).toMillis();

    static final long HOUR = Duration.ofHours(1).toMillis();

    private final List<TrueOffer> offers;

    private final int windows;

    private final long[][] clicks;

    private final long[][] deposits;

    /** Revenue booked with the deposit (CPA) and after it (RevShare instalments), with its entries' squares. */
    private final double[][] revenue;

    private final double[][] revenueSquares;

    private final double[][] laterRevenue;

    private final double[][] laterSquares;

    private final long[][] entries;

    private final long[][] laterEntries;

    /** Per offer and window of the deposit: click time and delay of each deposit, in pairs. */
    private final LongPairs[][] delays;

    private final UniformRandomProvider random;

    private final ContinuousDistribution.Sampler[] delaySamplers;

    private final ContinuousDistribution.Sampler[] playerValues;

    private final ContinuousDistribution.Sampler[] instalmentLags;

    Market(List<TrueOffer> offers, int days, UniformRandomProvider random) {
        this.offers = offers;
        // Room for what clicks of the last days cause after the end; it is never read, only kept in bounds.
        this.windows = (days + 120) * 144;
        this.clicks = new long[offers.size()][windows];
        this.deposits = new long[offers.size()][windows];
        this.revenue = new double[offers.size()][windows];
        this.revenueSquares = new double[offers.size()][windows];
        this.laterRevenue = new double[offers.size()][windows];
        this.laterSquares = new double[offers.size()][windows];
        this.entries = new long[offers.size()][windows];
        this.laterEntries = new long[offers.size()][windows];
        this.delays = new LongPairs[offers.size()][windows];
        this.random = random;
        this.delaySamplers = offers.stream().map(offer -> offer.delays(random))
            .toArray(ContinuousDistribution.Sampler[]::new);
        this.playerValues = offers.stream().map(offer -> offer.playerValues(random))
            .toArray(ContinuousDistribution.Sampler[]::new);
        this.instalmentLags = offers.stream().map(offer -> offer.instalmentLags(random))
            .toArray(ContinuousDistribution.Sampler[]::new);
    }

    List<TrueOffer> offers() {
        return offers;
    }

    /** A click routed to {@code offer} at {@code time}; returns whether it will lead to a first deposit. */
    boolean click(int offer, long time) {
        TrueOffer truth = offers.get(offer);
        clicks[offer][window(time)]++;
        if (random.nextDouble() >= truth.rateOn(day(time))) {
            return false;
        }
        long delay = (long) delaySamplers[offer].sample();
        long deposited = time + delay;
        if (window(deposited) >= windows) {
            return true;
        }
        int at = window(deposited);
        deposits[offer][at]++;
        if (delays[offer][at] == null) {
            delays[offer][at] = new LongPairs();
        }
        delays[offer][at].add(time, delay);
        if (truth.cpa() > 0) {
            book(revenue, revenueSquares, entries, offer, deposited, truth.cpa());
        }
        if (truth.revShareValue() > 0) {
            double instalment = playerValues[offer].sample() / TrueOffer.INSTALMENTS;
            for (int i = 0; i < TrueOffer.INSTALMENTS; i++) {
                book(laterRevenue, laterSquares, laterEntries, offer,
                        deposited + (long) instalmentLags[offer].sample(), instalment);
            }
        }
        return true;
    }

    private void book(double[][] amounts, double[][] squares, long[][] counts, int offer, long time, double amount) {
        int at = window(time);
        if (at < windows) {
            amounts[offer][at] += amount;
            squares[offer][at] += amount * amount;
            counts[offer][at]++;
        }
    }

    /** First deposits of {@code offer} that happened in {@code [from, to)}. */
    long deposits(int offer, long from, long to) {
        long sum = 0;
        for (int w = window(Math.max(0, from)); w < window(to); w++) {
            sum += deposits[offer][w];
        }
        return sum;
    }

    long clicks(int offer, long from, long to) {
        long sum = 0;
        for (int w = window(Math.max(0, from)); w < window(to); w++) {
            sum += clicks[offer][w];
        }
        return sum;
    }

    /** All revenue of {@code offer} that arrived in {@code [from, to)}. */
    double revenue(int offer, long from, long to) {
        double sum = 0;
        for (int w = window(Math.max(0, from)); w < window(to); w++) {
            sum += revenue[offer][w] + laterRevenue[offer][w];
        }
        return sum;
    }

    /**
     * What optimizer-service's evidence query returns at {@code now}: per known offer, clicks and first deposits per
     * hour over the history and the delay horizon before it, revenue per hour over the history, and the delays of the
     * history's deposits by their click's age.
     */
    List<OfferEvidence> evidence(long now, Duration history, DelayGrid grid) {
        long historyStart = now - history.toMillis();
        long firstHour = Math.max(0, Math.floorDiv(historyStart - grid.horizon(), HOUR) * HOUR);
        List<OfferEvidence> evidence = new ArrayList<>();
        for (int offer = 0; offer < offers.size(); offer++) {
            TrueOffer truth = offers.get(offer);
            if (!truth.activeOn(day(now))) {
                continue;
            }
            List<OfferEvidence.Hour> hours = new ArrayList<>();
            for (long hour = firstHour; hour < now; hour += HOUR) {
                long end = Math.min(hour + HOUR, now);
                long hourClicks = clicks(offer, hour, end);
                long counted = deposits(offer, hour, end);
                OfferEvidence.Earned withDeposit = OfferEvidence.Earned.NONE;
                OfferEvidence.Earned later = OfferEvidence.Earned.NONE;
                if (hour >= historyStart) {
                    for (int w = window(hour); w < window(end); w++) {
                        withDeposit = withDeposit.plus(new OfferEvidence.Earned(revenue[offer][w],
                                revenueSquares[offer][w], entries[offer][w]));
                        later = later.plus(new OfferEvidence.Earned(laterRevenue[offer][w], laterSquares[offer][w],
                                laterEntries[offer][w]));
                    }
                }
                if (hourClicks > 0 || counted > 0 || withDeposit.amount() != 0 || later.amount() != 0) {
                    hours.add(new OfferEvidence.Hour(START.plusMillis(hour), hourClicks, counted, withDeposit,
                            later));
                }
            }
            DelayObservations observed = new DelayObservations(grid);
            for (int w = window(Math.max(0, historyStart)); w < window(now); w++) {
                LongPairs pairs = delays[offer][w];
                for (int i = 0; pairs != null && i < pairs.size(); i++) {
                    long cohortAge = now - pairs.first(i);
                    if (cohortAge <= history.toMillis()) {
                        observed.add(cohortAge, pairs.second(i));
                    }
                }
            }
            evidence.add(new OfferEvidence(offer, truth.name(), true, hours, observed, List.of()));
        }
        return evidence;
    }

    /**
     * What optimizer-service's last-N-clicks sampler returns at {@code now} for seed 001's policy: walking back from
     * the newest window, a window is taken while the newer ones hold fewer than N clicks; the sample's first deposits
     * are those windows', its payout the revenue that occurred between their start and end.
     */
    List<OfferSample> lastClicks(int n, long now) {
        List<OfferSample> samples = new ArrayList<>();
        for (int offer = 0; offer < offers.size(); offer++) {
            TrueOffer truth = offers.get(offer);
            if (!truth.activeOn(day(now))) {
                continue;
            }
            long sampled = 0;
            long counted = 0;
            double earned = 0;
            for (int w = window(now) - 1; w >= 0 && sampled < n; w--) {
                sampled += clicks[offer][w];
                counted += deposits[offer][w];
                earned += revenue[offer][w] + laterRevenue[offer][w];
            }
            samples.add(new OfferSample(offer, truth.name(), true, sampled, counted, BigDecimal.valueOf(earned)));
        }
        return samples;
    }

    static double day(long time) {
        return (double) time / Duration.ofDays(1).toMillis();
    }

    private static int window(long time) {
        return (int) (time / WINDOW);
    }

    /** A growable list of pairs of longs, without boxing. */
    private static final class LongPairs {

        private long[] values = new long[8];

        private int size;

        void add(long first, long second) {
            if (2 * size + 2 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            values[2 * size] = first;
            values[2 * size + 1] = second;
            size++;
        }

        int size() {
            return size;
        }

        long first(int i) {
            return values[2 * i];
        }

        long second(int i) {
            return values[2 * i + 1];
        }
    }
}
