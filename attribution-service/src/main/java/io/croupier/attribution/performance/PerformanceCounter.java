package io.croupier.attribution.performance;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.ClicksStored;
import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.conversion.ConversionAttributed;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Adds new clicks and attributed conversions to their offer's window (by when they occurred) in the transaction that
 * stored them, so a count is added exactly once. Only approved conversions count toward the funnel. A first deposit
 * whose click is known also adds its delay after that click, from which the optimizer learns how long the offer's
 * players take to deposit.
 * <p>
 * The counts of a transaction are summed in memory and written just before it commits, in key order: a busy offer's
 * window row is then locked for a moment per transaction rather than from its first conversion to its commit, and
 * concurrent transactions lock rows in the same order, so they cannot deadlock. The write is ordered before the outbox
 * rows, whose lock must come last.
 */
@Component
class PerformanceCounter {

    private static final String DELTAS = PerformanceCounter.class.getName() + ".deltas";

    private final JdbcClient jdbc;

    private final PerformanceSettings settings;

    private final ClickRepository clicks;

    PerformanceCounter(JdbcClient jdbc, PerformanceSettings settings, ClickRepository clicks) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clicks = clicks;
    }

    @EventListener
    void on(ClicksStored stored) {
        Deltas deltas = deltas();
        for (StoredClick click : stored.clicks()) {
            deltas.window(new WindowKey(click.offerId(), settings.windowStart(click.occurredAt())))[0]++;
        }
    }

    @EventListener
    void on(ConversionAttributed conversion) {
        if (conversion.status() != ConversionStatus.APPROVED) {
            return;
        }
        boolean registration = conversion.kind() == ConversionKind.REGISTRATION;
        boolean deposit = conversion.kind() == ConversionKind.DEPOSIT || conversion.kind() == ConversionKind.FTD;
        if (!registration && !deposit) {
            return;
        }
        Deltas deltas = deltas();
        WindowKey key = new WindowKey(conversion.offerId(), settings.windowStart(conversion.occurredAt()));
        long[] counts = deltas.window(key);
        counts[1] += registration ? 1 : 0;
        if (conversion.firstDeposit()) {
            counts[2]++;
            if (conversion.clickId() != null) {
                deltas.depositsAfterClicks(key).add(new DepositAfterClick(conversion.clickId(), conversion.occurredAt()));
            }
        }
        if (deposit && conversion.amount() != null) {
            deltas.volume.merge(new VolumeKey(key, conversion.amount().getCurrency()),
                    new BigDecimal(conversion.amount().getAmount()), BigDecimal::add);
        }
    }

    /**
     * The delays of the transaction's first deposits after their clicks, the clicks read in one statement. None for a
     * click past its retention.
     */
    private void addDelays(Deltas deltas) {
        Map<String, StoredClick> found = clicks.findAll(deltas.depositsAfterClicks.values()
            .stream()
            .flatMap(List::stream)
            .map(DepositAfterClick::clickId)
            .toList());
        deltas.depositsAfterClicks.forEach((window, deposits) -> deposits.forEach(deposit -> {
            StoredClick click = found.get(deposit.clickId());
            if (click != null) {
                // A casino's clock running behind ours must not make a deposit precede its click.
                deltas.delays(window)
                    .add(Math.max(0, Duration.between(click.occurredAt(), deposit.occurredAt()).toMillis()));
            }
        }));
    }

    private Deltas deltas() {
        Deltas deltas = (Deltas) TransactionSynchronizationManager.getResource(DELTAS);
        if (deltas != null) {
            return deltas;
        }
        Deltas created = new Deltas();
        TransactionSynchronizationManager.bindResource(DELTAS, created);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                write(created);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(DELTAS);
            }
        });
        return created;
    }

    private void write(Deltas deltas) {
        if (!deltas.depositsAfterClicks.isEmpty()) {
            addDelays(deltas);
        }
        deltas.windows.forEach((window, counts) -> jdbc.sql("""
                insert into performance_windows (offer_id, window_start, window_end, clicks, registrations,
                                                 first_deposits, first_deposit_delays)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (offer_id, window_start) do update
                   set clicks = performance_windows.clicks + excluded.clicks,
                       registrations = performance_windows.registrations + excluded.registrations,
                       first_deposits = performance_windows.first_deposits + excluded.first_deposits,
                       first_deposit_delays = performance_windows.first_deposit_delays
                                              || excluded.first_deposit_delays,
                       dirty = true""")
            .params(window.offerId(), new Timestamp(window.startMillis()),
                    new Timestamp(window.startMillis() + settings.window().toMillis()), counts[0], counts[1],
                    counts[2], deltas.delays(window).stream().mapToLong(Long::longValue).toArray())
            .update());
        deltas.volume.forEach((volume, amount) -> jdbc.sql("""
                insert into performance_deposit_volume (offer_id, window_start, currency, amount)
                values (?, ?, ?, ?)
                on conflict (offer_id, window_start, currency)
                do update set amount = performance_deposit_volume.amount + excluded.amount""")
            .params(volume.window().offerId(), new Timestamp(volume.window().startMillis()), volume.currency(),
                    amount)
            .update());
    }

    /**
     * Clicks, registrations and first deposits per window with the first deposits' delays, and deposit volume per
     * window and currency, sorted.
     */
    private static final class Deltas {

        private final Map<WindowKey, long[]> windows = new TreeMap<>();

        private final Map<WindowKey, List<Long>> delays = new TreeMap<>();

        private final Map<VolumeKey, BigDecimal> volume = new TreeMap<>();

        private final Map<WindowKey, List<DepositAfterClick>> depositsAfterClicks = new TreeMap<>();

        long[] window(WindowKey key) {
            return windows.computeIfAbsent(key, k -> new long[3]);
        }

        List<Long> delays(WindowKey key) {
            return delays.computeIfAbsent(key, k -> new ArrayList<>());
        }

        List<DepositAfterClick> depositsAfterClicks(WindowKey key) {
            return depositsAfterClicks.computeIfAbsent(key, k -> new ArrayList<>());
        }
    }

    /** A first deposit counted in a window, whose delay after its click is added once the click is read. */
    private record DepositAfterClick(String clickId, Instant occurredAt) {
    }

    record WindowKey(String offerId, long startMillis) implements Comparable<WindowKey> {

        @Override
        public int compareTo(WindowKey other) {
            int byOffer = offerId.compareTo(other.offerId);
            return byOffer != 0 ? byOffer : Long.compare(startMillis, other.startMillis);
        }
    }

    record VolumeKey(WindowKey window, String currency) implements Comparable<VolumeKey> {

        @Override
        public int compareTo(VolumeKey other) {
            int byWindow = window.compareTo(other.window);
            return byWindow != 0 ? byWindow : currency.compareTo(other.currency);
        }
    }
}
