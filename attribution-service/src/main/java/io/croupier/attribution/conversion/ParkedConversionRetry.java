package io.croupier.attribution.conversion;

import java.time.Clock;
import java.util.List;

import io.croupier.attribution.click.ClickWaitLock;
import io.croupier.attribution.click.ClicksStored;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives parked conversions another chance: at once when the click they name is stored, and on a schedule for
 * everything else (fallback matches, links made on another instance, the end of the grace period). Rows are locked
 * with {@code skip locked}, so instances share the work instead of repeating it; due conversions are taken in the
 * order they were accepted.
 */
@Component
class ParkedConversionRetry implements SchedulingConfigurer {

    private final ConversionRepository conversions;

    private final ConversionAttribution attribution;

    private final ClickWaitLock clickWait;

    private final TransactionTemplate transactions;

    private final AttributionSettings settings;

    private final Clock clock;

    ParkedConversionRetry(ConversionRepository conversions, ConversionAttribution attribution,
            ClickWaitLock clickWait, TransactionTemplate transactions, AttributionSettings settings, Clock clock) {
        this.conversions = conversions;
        this.attribution = attribution;
        this.clickWait = clickWait;
        this.transactions = transactions;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs in the transaction that stored the clicks. A conversion being parked for one of them right now is waited
     * for ({@link ClickWaitLock}), so it is found here if it did not find the click.
     */
    @EventListener
    void on(ClicksStored stored) {
        String[] clickIds = stored.clicks().stream().map(click -> click.clickId()).toArray(String[]::new);
        clickWait.beforeLookingUpParked();
        conversions.lockWaitingForClicks(clickIds).forEach(attribution::attempt);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        tasks.addFixedDelayTask(this::retryDue, settings.retryInterval());
    }

    void retryDue() {
        int checked;
        do {
            checked = transactions.execute(status -> {
                List<ParkedConversion> due = conversions.lockDue(clock.instant(), settings.retryBatchSize());
                due.forEach(attribution::attempt);
                return due.size();
            });
        }
        while (checked == settings.retryBatchSize());
    }
}
