package io.croupier.localstack;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/** What a simulation sent and what came out at the other end of the money path. */
record SimulationSummary(Duration took, Map<String, Long> clicksByOfferHost, Map<String, Long> postbacksByOutcome,
        long ledgerEntries, Map<String, BigDecimal> revenueByCurrency, Map<String, BigDecimal> publisherPayoutsByCurrency,
        int postbacksForwarded) {

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("\n=== Simulation summary (").append(took.toSeconds()).append(" s) ===\n");
        out.append("Clicks (redirects by casino host):\n");
        clicksByOfferHost.forEach((host, count) -> out.append("  ").append(host).append(": ").append(count).append('\n'));
        out.append("Conversions reported (format → HTTP status):\n");
        postbacksByOutcome.forEach((outcome, count) -> out.append("  ").append(outcome).append(": ").append(count)
            .append('\n'));
        out.append("Commission ledger entries: ").append(ledgerEntries).append('\n');
        out.append("Casino revenue (what casinos owe Croupier):\n");
        revenueByCurrency.forEach((currency, amount) -> out.append("  ").append(currency).append(' ')
            .append(amount.toPlainString()).append('\n'));
        out.append("Publisher payouts (what Croupier owes publishers):\n");
        publisherPayoutsByCurrency.forEach((currency, amount) -> out.append("  ").append(currency).append(' ')
            .append(amount.toPlainString()).append('\n'));
        out.append("Payout postbacks forwarded to the demo publisher: ").append(postbacksForwarded).append('\n');
        return out.toString();
    }
}
