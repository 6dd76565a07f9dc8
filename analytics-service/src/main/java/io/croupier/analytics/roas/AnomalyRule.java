package io.croupier.analytics.roas;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * Flags a ROAS that departs from the campaign's own recent baseline, robustly: the baseline is the median of the
 * previous days' ROAS, its spread the median absolute deviation (MAD), scaled by 1.4826 so that it estimates a
 * standard deviation for normal data (Iglewicz and Hoaglin's modified z-score). One wild day in the baseline moves
 * neither, unlike a mean and standard deviation. A ROAS is flagged when it is at least {@code minRoasChange} from the
 * median and at least {@code threshold} scaled MADs from it; when the baseline never varied (MAD 0), any departure of
 * at least {@code minRoasChange} is flagged.
 */
final class AnomalyRule {

    static final BigDecimal MAD_TO_STANDARD_DEVIATION = new BigDecimal("1.4826");

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private static final int SCALE = 4;

    private final BigDecimal threshold;

    private final BigDecimal minRoasChange;

    AnomalyRule(BigDecimal threshold, BigDecimal minRoasChange) {
        this.threshold = threshold;
        this.minRoasChange = minRoasChange;
    }

    Optional<Verdict> judge(BigDecimal roas, List<BigDecimal> baseline) {
        BigDecimal median = median(baseline);
        BigDecimal mad = median(baseline.stream().map(value -> value.subtract(median).abs()).toList());
        BigDecimal deviation = roas.subtract(median);
        if (deviation.abs().compareTo(minRoasChange) < 0) {
            return Optional.empty();
        }
        BigDecimal spread = mad.multiply(MAD_TO_STANDARD_DEVIATION);
        String direction = deviation.signum() < 0 ? "DROP" : "SPIKE";
        String side = deviation.signum() < 0 ? "below" : "above";
        if (spread.signum() == 0) {
            return Optional.of(new Verdict(median, mad, baseline.size(), null, direction,
                    "ROAS %s is %s its %d-day median %s, which never varied (MAD 0)".formatted(plain(roas), side,
                            baseline.size(), plain(median))));
        }
        BigDecimal z = deviation.divide(spread, MathContext.DECIMAL64);
        if (z.abs().compareTo(threshold) < 0) {
            return Optional.empty();
        }
        BigDecimal shownZ = z.setScale(SCALE, RoundingMode.HALF_UP);
        return Optional.of(new Verdict(median, mad, baseline.size(), shownZ, direction,
                "ROAS %s is %s robust standard deviations %s its %d-day median %s (MAD %s)".formatted(plain(roas),
                        z.abs().setScale(2, RoundingMode.HALF_UP).toPlainString(), side, baseline.size(),
                        plain(median), plain(mad))));
    }

    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).add(sorted.get(middle)).divide(TWO);
    }

    private static String plain(BigDecimal value) {
        return value.setScale(Math.max(value.scale(), SCALE), RoundingMode.HALF_UP).toPlainString();
    }

    /**
     * @param robustZ (ROAS − median) ÷ (1.4826 × MAD); null when the MAD is 0
     * @param direction {@code DROP} below the median, {@code SPIKE} above it
     */
    record Verdict(BigDecimal median, BigDecimal mad, int baselineDays, BigDecimal robustZ, String direction,
            String reason) {
    }
}
