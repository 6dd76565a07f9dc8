package io.croupier.optimizer.thompson;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The delays after a click at which a delay curve is known: finer where most first deposits arrive (minutes to
 * hours), coarser over days, ending at the horizon.
 */
public final class DelayGrid {

    private static final List<Duration> POINTS = List.of(Duration.ofMinutes(5), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4), Duration.ofHours(8),
            Duration.ofHours(12), Duration.ofDays(1), Duration.ofHours(36), Duration.ofDays(2), Duration.ofDays(3),
            Duration.ofDays(4), Duration.ofDays(5), Duration.ofDays(7), Duration.ofDays(10), Duration.ofDays(14),
            Duration.ofDays(21), Duration.ofDays(28));

    private final long[] bounds;

    private DelayGrid(long[] bounds) {
        this.bounds = bounds;
    }

    /** The fixed points shorter than {@code horizon}, then the horizon itself. */
    public static DelayGrid upTo(Duration horizon) {
        long[] shorter = POINTS.stream().mapToLong(Duration::toMillis).filter(point -> point < horizon.toMillis())
            .toArray();
        long[] bounds = Arrays.copyOf(shorter, shorter.length + 1);
        bounds[shorter.length] = horizon.toMillis();
        return new DelayGrid(bounds);
    }

    /** How many points there are; buckets are numbered 0 to {@code size()}. */
    public int size() {
        return bounds.length;
    }

    /** Point {@code k} in milliseconds; the last is the horizon. */
    public long point(int k) {
        return bounds[k];
    }

    public long horizon() {
        return bounds[bounds.length - 1];
    }

    /**
     * How many points lie at or below {@code millis}: bucket {@code b} holds {@code [point(b - 1), point(b))}, bucket 0
     * everything below the first point, bucket {@code size()} the horizon and beyond. PostgreSQL's
     * {@code width_bucket(value, points)} numbers buckets the same way.
     */
    public int bucketOf(long millis) {
        int found = Arrays.binarySearch(bounds, millis);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /** The points in milliseconds, for a query that buckets in the database. */
    public long[] points() {
        return bounds.clone();
    }
}
