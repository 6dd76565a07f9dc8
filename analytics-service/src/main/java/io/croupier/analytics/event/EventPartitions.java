package io.croupier.analytics.event;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps {@code player_events} partitioned by month: every month from the retention horizon to
 * {@link EventSettings#monthsAhead()} months ahead exists, and a month that has fallen entirely out of retention is
 * dropped whole, so neither writes nor look-ups get slower with the history kept. Runs before the service takes
 * requests and every six hours after; instances take turns on an advisory lock.
 */
@Component
class EventPartitions implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EventPartitions.class);

    private static final Pattern NAME = Pattern.compile("player_events_y(\\d{4})m(\\d{2})");

    private static final DateTimeFormatter YEAR = DateTimeFormatter.ofPattern("yyyy");

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MM");

    private final JdbcClient jdbc;

    private final TransactionTemplate transactions;

    private final EventSettings settings;

    private final Clock clock;

    EventPartitions(JdbcClient jdbc, TransactionTemplate transactions, EventSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        maintain(clock.instant());
    }

    @Scheduled(initialDelay = 6, fixedDelay = 6, timeUnit = TimeUnit.HOURS)
    void maintainNow() {
        maintain(clock.instant());
    }

    /** Creates the missing months and drops the expired ones as of {@code now}. */
    void maintain(Instant now) {
        YearMonth oldestKept = YearMonth.from(now.minus(settings.retention()).atOffset(ZoneOffset.UTC));
        YearMonth newest = YearMonth.from(now.atOffset(ZoneOffset.UTC)).plusMonths(settings.monthsAhead());
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(current_schema() || '.player-event-partitions'))")
                .query()
                .singleRow();
            TreeSet<YearMonth> existing = new TreeSet<>(existingMonths());
            for (YearMonth month = oldestKept; !month.isAfter(newest); month = month.plusMonths(1)) {
                if (!existing.contains(month)) {
                    create(month);
                }
            }
            for (YearMonth month : existing.headSet(oldestKept)) {
                jdbc.sql("drop table " + name(month)).update();
                log.info("Dropped player events of {}: past the {}-day retention", month,
                        settings.retention().toDays());
            }
        });
    }

    List<YearMonth> existingMonths() {
        return jdbc.sql("""
                select child.relname from pg_inherits
                join pg_class child on child.oid = pg_inherits.inhrelid
                join pg_class parent on parent.oid = pg_inherits.inhparent
                join pg_namespace ns on ns.oid = parent.relnamespace
                where parent.relname = 'player_events' and ns.nspname = current_schema()""")
            .query(String.class)
            .list()
            .stream()
            .map(NAME::matcher)
            .filter(Matcher::matches)
            .map(m -> YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
            .toList();
    }

    private void create(YearMonth month) {
        jdbc.sql("create table %s partition of player_events for values from ('%s') to ('%s')".formatted(name(month),
                month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC)))
            .update();
    }

    private static String name(YearMonth month) {
        return "player_events_y" + YEAR.format(month) + "m" + MONTH.format(month);
    }
}
