package io.croupier.optimizer.thompson;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.croupier.optimizer.currency.ReferenceCurrency;
import io.croupier.optimizer.currency.Revenue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the policy needs from the aggregates, summed per hour and per delay bucket in the database so that a
 * computation reads a few thousand rows however many windows and entries there are: clicks over the history and the
 * delay horizon before it (older clicks' late deposits fall into the history), first deposits and revenue over the
 * history, and first-deposit delays by cohort age.
 */
@Component
class EvidenceQuery {

    private static final String HOUR = "date_bin(make_interval(secs => :hourSeconds), %s, timestamptz 'epoch')";

    private final JdbcClient jdbc;

    private final ReferenceCurrency referenceCurrency;

    EvidenceQuery(JdbcClient jdbc, ReferenceCurrency referenceCurrency) {
        this.jdbc = jdbc;
        this.referenceCurrency = referenceCurrency;
    }

    List<OfferEvidence> load(Instant now, Duration history, DelayGrid grid) {
        Instant historyStart = now.minus(history);
        Map<Long, Map<Instant, long[]>> funnel = funnel(now, historyStart.minusMillis(grid.horizon()));
        Map<Long, Map<Instant, OfferEvidence.Earned[]>> revenue = new HashMap<>();
        Map<Long, List<Revenue>> byCurrency = new HashMap<>();
        revenue(historyStart, revenue, byCurrency);
        Map<Long, DelayObservations> delays = delays(now, history, grid);
        return jdbc.sql("select offer_id, name, active from offers order by offer_id")
            .query((rs, row) -> {
                long offerId = rs.getLong("offer_id");
                return new OfferEvidence(offerId, rs.getString("name"), rs.getBoolean("active"),
                        hours(funnel.getOrDefault(offerId, Map.of()), revenue.getOrDefault(offerId, Map.of())),
                        delays.getOrDefault(offerId, new DelayObservations(grid)),
                        byCurrency.getOrDefault(offerId, List.of()));
            })
            .list();
    }

    /** Clicks and first deposits per offer and hour. */
    private Map<Long, Map<Instant, long[]>> funnel(Instant now, Instant since) {
        Map<Long, Map<Instant, long[]>> funnel = new HashMap<>();
        jdbc.sql("""
                select offer_id, hour_start as hour, clicks, first_deposits
                from offer_hours
                where hour_start >= :since and hour_start < :now""")
            .param("since", Timestamp.from(since))
            .param("now", Timestamp.from(now))
            .query(rs -> {
                funnel.computeIfAbsent(rs.getLong("offer_id"), id -> new HashMap<>())
                    .put(rs.getTimestamp("hour").toInstant(),
                            new long[] { rs.getLong("clicks"), rs.getLong("first_deposits") });
            });
        return funnel;
    }

    /**
     * Approved revenue (reversals negative) per offer and hour in the reference currency, split into what came with
     * a deposit or conversion and what came later (PROFIT shares), with each entry's square summed too; and per offer
     * and currency as earned. Currencies without a rate stay out of the hours.
     */
    private void revenue(Instant since, Map<Long, Map<Instant, OfferEvidence.Earned[]>> hours,
            Map<Long, List<Revenue>> byCurrency) {
        Map<Long, Map<String, BigDecimal>> totals = new HashMap<>();
        jdbc.sql("select offer_id, currency, kind = 'PROFIT' as later, " + HOUR.formatted("occurred_at") + """
                 as hour, sum(amount) as amount, sum(amount * amount) as squares,
                       count(*) as entries
                from revenue_entries
                where status = 'APPROVED' and occurred_at >= :since
                group by 1, 2, 3, 4""")
            .param("hourSeconds", OfferEvidence.HOUR.toSeconds())
            .param("since", Timestamp.from(since))
            .query(rs -> {
                long offerId = rs.getLong("offer_id");
                String currency = rs.getString("currency");
                BigDecimal amount = rs.getBigDecimal("amount");
                totals.computeIfAbsent(offerId, id -> new TreeMap<>()).merge(currency, amount, BigDecimal::add);
                Optional<BigDecimal> rate = referenceCurrency.rateOf(currency);
                if (rate.isPresent()) {
                    double factor = rate.get().doubleValue();
                    OfferEvidence.Earned[] hour = hours.computeIfAbsent(offerId, id -> new HashMap<>())
                        .computeIfAbsent(rs.getTimestamp("hour").toInstant(),
                                start -> new OfferEvidence.Earned[] { OfferEvidence.Earned.NONE,
                                        OfferEvidence.Earned.NONE });
                    int part = rs.getBoolean("later") ? 1 : 0;
                    hour[part] = hour[part].plus(new OfferEvidence.Earned(amount.doubleValue() * factor,
                            rs.getBigDecimal("squares").doubleValue() * factor * factor, rs.getLong("entries")));
                }
            });
        totals.forEach((offerId, amounts) -> byCurrency.put(offerId, amounts.entrySet()
            .stream()
            .map(amount -> referenceCurrency.revenue(amount.getKey(), amount.getValue()))
            .toList()));
    }

    /**
     * First deposits with a known click, by the age of their click now and their delay after it, both in grid
     * buckets. Only cohorts no older than the history count: all of their deposits lie within it.
     */
    private Map<Long, DelayObservations> delays(Instant now, Duration history, DelayGrid grid) {
        Map<Long, DelayObservations> delays = new HashMap<>();
        jdbc.sql("""
                select offer_id, width_bucket(cohort_age, points) as age_bucket,
                       width_bucket(delay, points) as delay_bucket, count(*) as deposits
                from (select offer_id, delay, cast(:points as bigint[]) as points,
                             cast(extract(epoch from (:now - window_start)) * 1000 as bigint) + delay as cohort_age
                      from offer_performance, unnest(first_deposit_delays) as delay
                      where cardinality(first_deposit_delays) > 0 and window_start >= :since
                        and window_start < :now) as deposits
                where cohort_age <= :history
                group by 1, 2, 3""")
            .param("points", LongStream.of(grid.points()).mapToObj(String::valueOf)
                .collect(Collectors.joining(",", "{", "}")))
            .param("now", Timestamp.from(now))
            .param("since", Timestamp.from(now.minus(history)))
            .param("history", history.toMillis())
            .query(rs -> {
                delays.computeIfAbsent(rs.getLong("offer_id"), id -> new DelayObservations(grid))
                    .add(rs.getInt("age_bucket"), rs.getInt("delay_bucket"), rs.getLong("deposits"));
            });
        return delays;
    }

    private static List<OfferEvidence.Hour> hours(Map<Instant, long[]> funnel,
            Map<Instant, OfferEvidence.Earned[]> revenue) {
        TreeMap<Instant, OfferEvidence.Hour> hours = new TreeMap<>();
        funnel.forEach((start, counts) -> hours.put(start, new OfferEvidence.Hour(start, counts[0], counts[1],
                OfferEvidence.Earned.NONE, OfferEvidence.Earned.NONE)));
        revenue.forEach((start, earned) -> hours.merge(start, new OfferEvidence.Hour(start, 0, 0, earned[0],
                earned[1]), (counted, paid) -> new OfferEvidence.Hour(start, counted.clicks(), counted.firstDeposits(),
                        paid.withDeposit(), paid.later())));
        return new ArrayList<>(hours.values());
    }
}
