package io.croupier.optimizer.thompson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import io.croupier.optimizer.OptimizerIntegrationTest;
import io.croupier.optimizer.OptimizerSettings;
import io.croupier.optimizer.weights.ComputedWeights;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one computation of the default policy costs at a busy deployment's scale: ten offers with six weeks of
 * one-minute windows (604,800 rows), about 4 % of clicks converting with their delays, and 150,000 revenue entries.
 * Tagged {@code benchmark}, excluded from the build; the optimizer README has the command and the figures.
 */
@Tag("benchmark")
class WeighingCostBenchmark extends OptimizerIntegrationTest {

    @Autowired
    ThompsonPolicy policy;

    @Autowired
    EvidenceQuery evidence;

    @Autowired
    OptimizerSettings settings;

    @Test
    void oneComputationAtScale() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        for (int offer = 1; offer <= 10; offer++) {
            offer(900_000 + offer, "Casino " + offer, true, Instant.now());
        }
        long inserted = jdbc.sql("""
                insert into offer_performance (offer_id, window_start, window_end, clicks, registrations,
                    first_deposits, first_deposit_delays, revision, event_id)
                select o, w, w + interval '1 minute', 20 + (o * 7 + extract(minute from w)::int) % 30, 1,
                       case when (o + extract(minute from w)::int) % 3 = 0 then 1 else 0 end,
                       case when (o + extract(minute from w)::int) % 3 = 0
                            then array[((o::bigint * 7919 + extract(epoch from w)::bigint) % 259200) * 1000]
                            else '{}'::bigint[] end,
                       1, 'performance:' || o || ':' || extract(epoch from w)::bigint
                from generate_series(900001, 900010) as o,
                     generate_series(:from, :to, interval '1 minute') as w""")
            .param("from", Timestamp.from(now.minus(Duration.ofDays(42))))
            .param("to", Timestamp.from(now.minusSeconds(60)))
            .update();
        // As the recorder sums each stored window's hour.
        jdbc.sql("""
                insert into offer_hours (offer_id, hour_start, clicks, first_deposits)
                select offer_id, date_bin('1 hour', window_start, timestamptz 'epoch'), sum(clicks), sum(first_deposits)
                from offer_performance where offer_id between 900001 and 900010
                group by 1, 2""")
            .update();
        jdbc.sql("""
                insert into revenue_entries (entry_id, offer_id, amount, currency, status, kind, rule, occurred_at)
                select 'bench-' || o || '-' || i, o, 50 + (i % 200), 'USD', 'APPROVED',
                       case when i % 4 = 0 then 'PROFIT' else 'FTD' end, 'CPA_QUALIFIED',
                       cast(:to as timestamptz) - make_interval(secs => i * 161)
                from generate_series(900001, 900010) as o, generate_series(1, 15000) as i""")
            .param("to", Timestamp.from(now))
            .update();
        jdbc.sql("analyze offer_performance").update();
        jdbc.sql("analyze offer_hours").update();
        jdbc.sql("analyze revenue_entries").update();

        DelayAwareThompson math = DelayAwareThompson.of(settings.thompson());
        policy.weigh(now);
        int rounds = 10;
        long querying = 0;
        long weighing = 0;
        long whole = 0;
        ComputedWeights last = null;
        for (int i = 0; i < rounds; i++) {
            Instant at = now.plusSeconds(i);
            long started = System.nanoTime();
            List<OfferEvidence> offers = evidence.load(at, settings.thompson().history(), math.grid());
            long loaded = System.nanoTime();
            math.weigh(offers, at, RandomSource.XO_RO_SHI_RO_128_PP.create(i));
            long weighed = System.nanoTime();
            last = policy.weigh(at);
            whole += System.nanoTime() - weighed;
            querying += loaded - started;
            weighing += weighed - loaded;
        }
        String figures = String.format(Locale.ROOT, "%d one-minute windows and 150,000 revenue entries of 10 offers:"
                + " evidence query %.0f ms, policy %.0f ms (%d draws), whole computation with its explanation %.0f ms"
                + " (means of %d)%n", inserted, querying / 1e6 / rounds, weighing / 1e6 / rounds,
                settings.thompson().draws(), whole / 1e6 / rounds, rounds);
        System.out.print(figures);
        Files.writeString(Path.of("target", "weighing-cost.txt"), figures);
        assertThat(last.weights()).hasSize(10);
    }
}
