package io.croupier.runtime.timeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A UTC hour or day of a timeline. Every service's timeline cuts a range the same way, so the console's charts of
 * clicks (attribution-service) and of money (commission-service) line up bucket for bucket. The names are the
 * request's {@code bucket} values and PostgreSQL's {@code date_trunc} units.
 */
public enum TimeBucket {

    hour(Duration.ofHours(1)), day(Duration.ofDays(1));

    /** An hourly chart of a month is 720 points; more than that no screen shows. */
    public static final int MAX_BUCKETS = 800;

    private final Duration length;

    TimeBucket(Duration length) {
        this.length = length;
    }

    /** The start of the bucket {@code moment} falls in. */
    public Instant floor(Instant moment) {
        long millis = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(moment.toEpochMilli(), millis) * millis);
    }

    /**
     * The start of every bucket of the range, the first the one {@code from} falls in, the last the one before
     * {@code to}; a range that is empty or longer than {@link #MAX_BUCKETS} buckets is a 400.
     */
    public List<Instant> starts(Instant from, Instant to) {
        Instant start = floor(from);
        if (!start.isBefore(to)) {
            throw badRequest("from must be before to");
        }
        if (Duration.between(start, to).dividedBy(length) >= MAX_BUCKETS) {
            throw badRequest("at most " + MAX_BUCKETS + " buckets: choose a shorter range or bucket=day");
        }
        List<Instant> starts = new ArrayList<>();
        for (Instant at = start; at.isBefore(to); at = at.plus(length)) {
            starts.add(at);
        }
        return starts;
    }

    private static ErrorResponseException badRequest(String detail) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST,
                ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail), null);
    }
}
