package io.croupier.commission.ledger;

import io.croupier.runtime.metrics.AfterCommit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code croupier.ledger.entries}: ledger entries by the rule that decided them, reversals apart, counted once their
 * transaction commits. The amounts are in the ledger and its reports, never in a metric.
 */
@Component
class LedgerMeters {

    private final MeterRegistry meters;

    LedgerMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    void appended(LedgerEntry entry) {
        Counter entries = Counter.builder("croupier.ledger.entries")
            .description("Commission ledger entries by the rule that decided them")
            .tag("rule", entry.rule())
            .tag("reversal", Boolean.toString(entry.isReversal()))
            .register(meters);
        AfterCommit.run(entries::increment);
    }
}
