package io.croupier.optimizer.thompson;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
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
        Map<Long, Map<Instant, OfferEvidence.Earned>> withDeposit = new HashMap<>();
        Map<Long, List<Revenue>> byCurrency = new HashMap<>();
        revenue(historyStart, withDeposit, byCurrency);
        Map<Long, Map<Instant, OfferEvidence.Earned>> cohorts = cohorts(historyStart);
        Map<Long, DelayObservations> delays = delays(now, history, grid);
        return jdbc.sql("select offer_id, name, active from offers order by offer_id")
            .query((rs, row) -> {
                long offerId = rs.getLong("offer_id");
                return new OfferEvidence(offerId, rs.getString("name"), rs.getBoolean("active"),
                        hours(funnel.getOrDefault(offerId, Map.of()), withDeposit.getOrDefault(offerId, Map.of()),
                                cohorts.getOrDefault(offerId, Map.of())),
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
     * Approved revenue (reversals negative) that came with a deposit or conversion, per offer and hour in the
     * reference currency, with each entry's square summed too; and all approved revenue per offer and currency as
     * earned. Currencies without a rate stay out of the hours.
     */
    private void revenue(Instant since, Map<Long, Map<Instant, OfferEvidence.Earned>> hours,
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
                if (rate.isPresent() && !rs.getBoolean("later")) {
                    hours.computeIfAbsent(offerId, id -> new HashMap<>())
                        .merge(rs.getTimestamp("hour").toInstant(), earned(rs, rate.get(), "entries"),
                                OfferEvidence.Earned::plus);
                }
            });
        totals.forEach((offerId, amounts) -> byCurrency.put(offerId, amounts.entrySet()
            .stream()
            .map(amount -> referenceCurrency.revenue(amount.getKey(), amount.getValue()))
            .toList()));
    }

    /**
     * Later revenue (PROFIT shares) per offer and deposit cohort, the hour of the players' first deposits, in the
     * reference currency: each player's revenue to date summed, its square, and the players. A player's cohort begins
     * with the entry that is his first deposit; a player without one (known only by a sub id, or his first deposit
     * stored before entries said so) counts from his first later revenue in the history, and an entry without a
     * player as a player of its own. Only cohorts that began within the history count.
     */
    private Map<Long, Map<Instant, OfferEvidence.Earned>> cohorts(Instant since) {
        Map<Long, Map<Instant, OfferEvidence.Earned>> cohorts = new HashMap<>();
        jdbc.sql("""
                with later as (
                    select offer_id, currency, player_id, min(occurred_at) as first_paid, sum(amount) as amount
                    from revenue_entries
                    where status = 'APPROVED' and kind = 'PROFIT' and occurred_at >= :since
                    group by offer_id, currency, player_id, coalesce(player_id, entry_id)),
                players as (
                    select offer_id, currency, amount,
                           coalesce((select min(deposit.occurred_at) from revenue_entries deposit
                                     where deposit.offer_id = later.offer_id and deposit.player_id = later.player_id
                                       and deposit.first_deposit and deposit.reverses is null
                                       and deposit.status = 'APPROVED'), first_paid) as cohort_at
                    from later)
                select offer_id, currency,""" + HOUR.formatted("cohort_at") + """
                 as hour, sum(amount) as amount, sum(amount * amount) as squares, count(*) as players
                from players
                where cohort_at >= :since
                group by 1, 2, 3""")
            .param("hourSeconds", OfferEvidence.HOUR.toSeconds())
            .param("since", Timestamp.from(since))
            .query(rs -> {
                Optional<BigDecimal> rate = referenceCurrency.rateOf(rs.getString("currency"));
                if (rate.isPresent()) {
                    cohorts.computeIfAbsent(rs.getLong("offer_id"), id -> new HashMap<>())
                        .merge(rs.getTimestamp("hour").toInstant(), earned(rs, rate.get(), "players"),
                                OfferEvidence.Earned::plus);
                }
            });
        return cohorts;
    }

    /** The row's amount, squares and count, in the reference currency. */
    private static OfferEvidence.Earned earned(ResultSet rs, BigDecimal rate, String count) throws SQLException {
        double factor = rate.doubleValue();
        return new OfferEvidence.Earned(rs.getBigDecimal("amount").doubleValue() * factor,
                rs.getBigDecimal("squares").doubleValue() * factor * factor, rs.getLong(count));
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
            Map<Instant, OfferEvidence.Earned> withDeposit, Map<Instant, OfferEvidence.Earned> cohorts) {
        TreeMap<Instant, OfferEvidence.Hour> hours = new TreeMap<>();
        funnel.forEach((start, counts) -> hours.put(start, new OfferEvidence.Hour(start, counts[0], counts[1],
                OfferEvidence.Earned.NONE, OfferEvidence.Earned.NONE)));
        withDeposit.forEach((start, earned) -> hours.merge(start, new OfferEvidence.Hour(start, 0, 0, earned,
                OfferEvidence.Earned.NONE), EvidenceQuery::together));
        cohorts.forEach((start, earned) -> hours.merge(start, new OfferEvidence.Hour(start, 0, 0,
                OfferEvidence.Earned.NONE, earned), EvidenceQuery::together));
        return new ArrayList<>(hours.values());
    }

    private static OfferEvidence.Hour together(OfferEvidence.Hour one, OfferEvidence.Hour other) {
        return new OfferEvidence.Hour(one.start(), one.clicks() + other.clicks(),
                one.firstDeposits() + other.firstDeposits(), one.withDeposit().plus(other.withDeposit()),
                one.later().plus(other.later()));
    }
}
