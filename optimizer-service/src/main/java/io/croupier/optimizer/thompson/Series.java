package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.time.Instant;

/** One offer's evidence as consecutive hours up to now, oldest first, hours without anything included. */
final class Series {

    private static final long HOUR = OfferEvidence.HOUR.toMillis();

    private final long firstHour;

    private final long[] clicks;

    private final long[] firstDeposits;

    private final OfferEvidence.Earned[] withDeposit;

    private final OfferEvidence.Earned[] later;

    private Series(long firstHour, int hours) {
        this.firstHour = firstHour;
        this.clicks = new long[hours];
        this.firstDeposits = new long[hours];
        this.withDeposit = new OfferEvidence.Earned[hours];
        this.later = new OfferEvidence.Earned[hours];
    }

    /** The hours of the {@code span} before {@code now}; evidence outside it is left out. */
    static Series of(OfferEvidence offer, Instant now, Duration span) {
        long first = Math.floorDiv(now.toEpochMilli() - span.toMillis(), HOUR) * HOUR;
        int hours = (int) ((now.toEpochMilli() - first + HOUR - 1) / HOUR);
        Series series = new Series(first, hours);
        for (int h = 0; h < hours; h++) {
            series.withDeposit[h] = OfferEvidence.Earned.NONE;
            series.later[h] = OfferEvidence.Earned.NONE;
        }
        for (OfferEvidence.Hour hour : offer.hours()) {
            long index = Math.floorDiv(hour.start().toEpochMilli() - first, HOUR);
            if (index >= 0 && index < hours) {
                int h = (int) index;
                series.clicks[h] += hour.clicks();
                series.firstDeposits[h] += hour.firstDeposits();
                series.withDeposit[h] = series.withDeposit[h].plus(hour.withDeposit());
                series.later[h] = series.later[h].plus(hour.later());
            }
        }
        return series;
    }

    int hours() {
        return clicks.length;
    }

    long start(int hour) {
        return firstHour + hour * HOUR;
    }

    long clicks(int hour) {
        return clicks[hour];
    }

    long firstDeposits(int hour) {
        return firstDeposits[hour];
    }

    OfferEvidence.Earned withDeposit(int hour) {
        return withDeposit[hour];
    }

    double laterRevenue(int hour) {
        return later[hour].amount();
    }

    OfferEvidence.Earned later(int hour) {
        return later[hour];
    }
}
