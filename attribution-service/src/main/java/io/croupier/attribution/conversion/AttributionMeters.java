package io.croupier.attribution.conversion;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

import io.croupier.runtime.metrics.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What attribution decides, and what waits. {@code croupier.attribution.decisions} counts every decision once its
 * transaction commits: {@code result=attributed} with its method (once per conversion), or {@code result=unattributed}
 * with its reason (again at each re-check of a parked conversion). {@code croupier.attribution.parked} is how many
 * conversions wait now, by state ({@code PENDING} within the grace period, {@code UNATTRIBUTED} after it) and reason.
 */
@Component
class AttributionMeters {

    private static final String NONE = "none";

    /** The gauges of one scrape read one snapshot, taken at most this often. */
    private static final Duration SNAPSHOT_AGE = Duration.ofSeconds(1);

    private final JdbcClient jdbc;

    private final MeterRegistry meters;

    private volatile Snapshot parked = new Snapshot(Instant.EPOCH, Map.of());

    AttributionMeters(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
        for (String state : new String[] { "PENDING", "UNATTRIBUTED" }) {
            for (UnattributedReason reason : UnattributedReason.values()) {
                Gauge.builder("croupier.attribution.parked", () -> parked(state, reason))
                    .description("Conversions waiting for attribution, by state and reason")
                    .tag("state", state)
                    .tag("reason", reason.name())
                    .register(meters);
            }
        }
    }

    void decided(Decision decision) {
        Counter decisions = decision instanceof Decision.Attributed attributed
                ? decisions("attributed", attributed.method().name(), NONE)
                : decisions("unattributed", NONE, ((Decision.Unattributed) decision).reason().name());
        AfterCommit.run(decisions::increment);
    }

    private Counter decisions(String result, String method, String reason) {
        return Counter.builder("croupier.attribution.decisions")
            .description("Attribution decisions: attributed by method, or not (yet) by reason")
            .tag("result", result)
            .tag("method", method)
            .tag("reason", reason)
            .register(meters);
    }

    private long parked(String state, UnattributedReason reason) {
        Snapshot current = parked;
        if (current.takenAt().plus(SNAPSHOT_AGE).isBefore(Instant.now())) {
            current = new Snapshot(Instant.now(), count());
            parked = current;
        }
        return current.counts().getOrDefault(state + ":" + reason.name(), 0L);
    }

    private Map<String, Long> count() {
        return jdbc.sql("""
                select state || ':' || reason as waiting, count(*) as conversions from conversions
                where state <> 'ATTRIBUTED' and reason is not null group by state, reason""")
            .query((rs, n) -> Map.entry(rs.getString("waiting"), rs.getLong("conversions")))
            .list()
            .stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private record Snapshot(Instant takenAt, Map<String, Long> counts) {
    }
}
