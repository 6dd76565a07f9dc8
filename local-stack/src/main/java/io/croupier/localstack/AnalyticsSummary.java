package io.croupier.localstack;

import java.time.LocalDate;
import java.util.List;

import tools.jackson.databind.JsonNode;

/** The headline figures of seed 002's pipeline over a simulated day. */
record AnalyticsSummary(LocalDate day, String baseUrl, List<String> imports, long playerEvents, JsonNode figures,
        JsonNode roas, JsonNode arpdau) {

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("\n=== Analytics (seed 002) for ").append(day).append(" ===\n");
        out.append("Imported (files consistent with the simulated players):\n");
        imports.forEach(line -> out.append("  ").append(line).append('\n'));
        out.append("  player events sent: ").append(playerEvents).append('\n');
        JsonNode curated = figures.path("purchasesCurated");
        out.append("Curated purchases: ").append(curated.path("purchases").asLong()).append(" (by source ")
            .append(curated.path("bySource")).append("), duplicates dropped: ")
            .append(curated.path("duplicatesDropped").asLong()).append('\n');
        JsonNode reconciliation = figures.path("reconciliation");
        out.append("Reconciliation against the gateway: ")
            .append(reconciliation.path("purchasesMatchedByTransactionId").asLong()).append(" by transaction id, ")
            .append(reconciliation.path("purchasesMatchedByPlayerAndAmount").asLong())
            .append(" by player and amount (±10 min), ").append(reconciliation.path("unmatchedPurchases").asLong())
            .append(" purchases and ").append(reconciliation.path("unmatchedConfirmations").asLong())
            .append(" confirmations unmatched, ").append(reconciliation.path("amountMismatches").asLong())
            .append(" amount mismatches\n");
        out.append("ROAS (net revenue after chargebacks ÷ spend):\n");
        for (JsonNode campaign : roas.path("campaigns")) {
            out.append(String.format("  %-16s %s net %s, spend %s → %s%n",
                    campaign.path("campaign").isNull() ? "(no campaign)" : campaign.path("campaign").asString(),
                    campaign.path("currency").asString(), campaign.path("netRevenue").asString(),
                    campaign.path("spend").isNull() ? "none" : campaign.path("spend").asString(),
                    campaign.path("roas").isNull() ? campaign.path("status").asString()
                            : campaign.path("roas").asString()));
        }
        JsonNode anomalies = figures.path("roasAnomaly");
        out.append("ROAS anomalies flagged: ").append(anomalies.path("flagged").asLong()).append(" (")
            .append(anomalies.path("shortHistory").asLong()).append(" campaigns need more days of history)\n");
        out.append("Active players: ").append(arpdau.path("activePlayers").asLong()).append("; ARPDAU ");
        arpdau.path("totals").forEach(total -> out.append(total.path("currency").asString()).append(' ')
            .append(total.path("arpdau").asString()).append("  "));
        out.append('\n');
        out.append("Reports: ").append(baseUrl).append("/reports/{purchases_curated.csv, reconciliation.json, "
                + "roas_d1.json, roas_anomaly.json, arpdau_d1.json}?day=").append(day).append('\n');
        return out.toString();
    }
}
