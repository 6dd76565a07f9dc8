package io.croupier.analytics.pipeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The record of pipeline runs, and the run whose outputs a report of a day shows. */
@Repository
public class PipelineRuns {

    private static final JsonMapper EXACT = JsonMapper.builder()
        .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();

    private final JdbcClient jdbc;

    private final Clock clock;

    PipelineRuns(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The day a report is about: the one asked for, else yesterday (UTC), as seed 002's reports are. */
    public LocalDate dayOrYesterday(LocalDate day) {
        return day != null ? day : LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(1);
    }

    /** The latest completed run of the day, whose rows are the day's outputs. */
    public PipelineRun latestCompleted(LocalDate day) {
        return jdbc.sql("""
                select * from pipeline_runs where day = :day and status = 'COMPLETED'
                order by run_id desc limit 1""")
            .param("day", java.sql.Date.valueOf(day))
            .query(PipelineRuns::run)
            .optional()
            .orElseThrow(() -> new NoRunForDay(day));
    }

    /** Newest first, those before {@code beforeId} (all when it is null): the primary key in order. */
    List<PipelineRun> latest(LocalDate day, Long beforeId, int limit) {
        return jdbc.sql("""
                select * from pipeline_runs where (cast(:day as date) is null or day = :day)
                  and (cast(:before as bigint) is null or run_id < :before)
                order by run_id desc limit :limit""")
            .param("day", day == null ? null : java.sql.Date.valueOf(day))
            .param("before", beforeId)
            .param("limit", limit)
            .query(PipelineRuns::run)
            .list();
    }

    boolean scheduledRunCompleted(LocalDate day) {
        return jdbc.sql("""
                select exists (select 1 from pipeline_runs
                               where day = :day and trigger = 'SCHEDULED' and status = 'COMPLETED')""")
            .param("day", java.sql.Date.valueOf(day))
            .query(Boolean.class)
            .single();
    }

    long nextId() {
        return jdbc.sql("select nextval('pipeline_run_ids')").query(Long.class).single();
    }

    PipelineRun record(long runId, LocalDate day, Trigger trigger, String status, Instant startedAt, Object figures,
            String error) {
        return jdbc.sql("""
                insert into pipeline_runs (run_id, day, trigger, status, started_at, finished_at, figures, error)
                values (:runId, :day, :trigger, :status, :startedAt, clock_timestamp(), cast(:figures as json), :error)
                returning *""")
            .param("runId", runId)
            .param("day", java.sql.Date.valueOf(day))
            .param("trigger", trigger.name())
            .param("status", status)
            .param("startedAt", Timestamp.from(startedAt))
            .param("figures", figures == null ? null : EXACT.writeValueAsString(figures))
            .param("error", error)
            .query(PipelineRuns::run)
            .single();
    }

    private static PipelineRun run(ResultSet rs, int row) throws SQLException {
        String figures = rs.getString("figures");
        JsonNode parsed = figures == null ? null : EXACT.readTree(figures);
        return new PipelineRun(rs.getLong("run_id"), rs.getObject("day", LocalDate.class),
                Trigger.valueOf(rs.getString("trigger")), rs.getString("status"),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("finished_at", OffsetDateTime.class).toInstant(), parsed, rs.getString("error"));
    }
}
