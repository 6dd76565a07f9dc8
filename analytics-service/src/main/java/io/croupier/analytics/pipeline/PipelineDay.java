package io.croupier.analytics.pipeline;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The UTC day a run computes, and the run writing it. Facts belong to the day their own time falls in: a purchase's
 * event time, a confirmation's processing time, a chargeback's report time, a session's start.
 */
public record PipelineDay(long runId, LocalDate day) {

    public Instant start() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Instant end() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public Timestamp startTimestamp() {
        return Timestamp.from(start());
    }

    public Timestamp endTimestamp() {
        return Timestamp.from(end());
    }

    /** The start of the day less {@code margin}: where facts that may concern the day begin. */
    public Timestamp startLess(Duration margin) {
        return Timestamp.from(start().minus(margin));
    }

    /** The end of the day plus {@code margin}. */
    public Timestamp endPlus(Duration margin) {
        return Timestamp.from(end().plus(margin));
    }

    public java.sql.Date date() {
        return java.sql.Date.valueOf(day);
    }
}
