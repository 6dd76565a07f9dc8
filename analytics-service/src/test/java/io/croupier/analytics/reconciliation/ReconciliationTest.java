package io.croupier.analytics.reconciliation;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.croupier.analytics.AnalyticsServiceTest;
import io.croupier.embedded.ServiceHttp;
import io.croupier.analytics.Inputs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation on hand-computed days: by transaction id first, then by player and amount within ±10 minutes
 * (edges included), with mismatches and the unmatched of each side. Each test owns its days.
 */
@AnalyticsServiceTest
class ReconciliationTest {

    @LocalServerPort
    int port;

    private ServiceHttp api;

    private Inputs inputs;

    private String run;

    @BeforeEach
    void setUp() {
        api = new ServiceHttp(port, ServiceHttp.manager());
        inputs = new Inputs(api);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void withoutACommonTransactionIdAPurchaseMatchesTheSamePlayerAndAmountUpToTenMinutesAwayEdgesIncluded() {
        inputs.purchases(
                "2025-01-10T12:00:00Z,a-%s,10.00,USD,PA,c".formatted(run),
                "2025-01-10T12:00:00Z,b-%s,10.00,USD,PB,c".formatted(run),
                "2025-01-10T12:00:00Z,c-%s,10.00,USD,PC,c".formatted(run),
                "2025-01-10T12:00:00Z,d-%s,10.00,USD,PD,c".formatted(run),
                "2025-01-10T12:00:00Z,e-%s,10.00,USD,PE,c".formatted(run));
        inputs.confirmations(
                "2025-01-10T12:09:59Z,a-%s,10.00,USD,GA-%s,".formatted(run, run),
                "2025-01-10T12:10:00Z,b-%s,10,USD,GB-%s,".formatted(run, run),
                "2025-01-10T12:10:01Z,c-%s,10.00,USD,GC-%s,".formatted(run, run),
                "2025-01-10T11:50:00Z,d-%s,10.00,USD,GD-%s,".formatted(run, run),
                "2025-01-10T12:05:00Z,e-%s,10.01,USD,GE-%s,".formatted(run, run));

        JsonNode report = inputs.report("2025-01-10", "reconciliation").json();

        JsonNode usd = onlyCurrency(report);
        assertThat(usd.path("purchases").asLong()).isEqualTo(5);
        assertThat(usd.path("purchasesMatchedByTransactionId").asLong()).isZero();
        assertThat(usd.path("purchasesMatchedByPlayerAndAmount").asLong()).isEqualTo(3);
        assertThat(usd.path("unmatchedPurchases").asLong()).isEqualTo(2);
        assertThat(usd.path("unmatchedPurchaseAmount").asString()).isEqualTo("20.00");
        assertThat(usd.path("confirmationsMatchedByPlayerAndAmount").asLong()).isEqualTo(3);
        assertThat(usd.path("unmatchedConfirmations").asLong()).isEqualTo(2);
        assertThat(usd.path("unmatchedConfirmationAmount").asString()).isEqualTo("20.01");
        assertThat(pairs(report)).containsExactlyInAnyOrder("a-" + run + " 599s", "b-" + run + " 600s",
                "d-" + run + " 600s");
        assertThat(players(report.path("unmatchedPurchases"), "purchase")).containsExactlyInAnyOrder("c-" + run,
                "e-" + run);
        assertThat(players(report.path("unmatchedConfirmations"), "confirmation"))
            .containsExactlyInAnyOrder("c-" + run, "e-" + run);
        assertThat(report.path("rules").path("tolerance").asString()).isEqualTo("PT10M");
        assertThat(report.path("rules").path("edgesInclusive").asBoolean()).isTrue();
    }

    @Test
    void transactionIdsMatchFirstWhateverTheDayAndAmountOrCurrencyMismatchesAreListed() {
        inputs.purchases(
                "2025-01-11T08:00:00Z,p1-%1$s,10.00,USD,T1-%1$s,c".formatted(run),
                "2025-01-11T08:00:00Z,p2-%1$s,10.00,USD,T2-%1$s,c".formatted(run),
                "2025-01-11T08:00:00Z,p3-%1$s,10.00,USD,T3-%1$s,c".formatted(run),
                "2025-01-11T10:00:00Z,p4-%1$s,15.00,USD,T4-%1$s,c".formatted(run),
                "2025-01-11T12:00:00Z,p6-%1$s,7.00,USD,T6-%1$s,c".formatted(run),
                "2025-01-11T23:00:00Z,p7-%1$s,20.00,USD,T7-%1$s,c".formatted(run));
        inputs.confirmations(
                "2025-01-11T09:00:00Z,p1-%1$s,10.00,USD,T1-%1$s,".formatted(run),
                "2025-01-11T08:01:00Z,p2-%1$s,12.00,USD,T2-%1$s,".formatted(run),
                "2025-01-11T08:01:00Z,p3-%1$s,10.00,EUR,T3-%1$s,".formatted(run),
                "2025-01-11T10:03:00Z,p4-%1$s,15.00,USD,G4-%1$s,".formatted(run),
                "2025-01-11T14:00:00Z,p5-%1$s,9.00,USD,T5-%1$s,".formatted(run),
                "2025-01-12T08:00:00Z,p7-%1$s,20.00,USD,T7-%1$s,".formatted(run));

        JsonNode report = inputs.report("2025-01-11", "reconciliation").json();
        JsonNode nextDay = inputs.report("2025-01-12", "reconciliation").json();

        JsonNode usd = currency(report, "USD");
        assertThat(usd.path("purchases").asLong()).isEqualTo(6);
        assertThat(usd.path("purchaseAmount").asString()).isEqualTo("72.00");
        assertThat(usd.path("purchasesMatchedByTransactionId").asLong()).isEqualTo(4);
        assertThat(usd.path("purchasesMatchedByPlayerAndAmount").asLong()).isEqualTo(1);
        assertThat(usd.path("unmatchedPurchases").asLong()).isEqualTo(1);
        assertThat(usd.path("unmatchedPurchaseAmount").asString()).isEqualTo("7.00");
        assertThat(usd.path("amountMismatches").asLong()).isEqualTo(1);
        assertThat(usd.path("currencyMismatches").asLong()).isEqualTo(1);
        assertThat(usd.path("confirmations").asLong()).isEqualTo(4);
        assertThat(usd.path("confirmationAmount").asString()).isEqualTo("46.00");
        assertThat(usd.path("confirmationsMatchedByTransactionId").asLong()).isEqualTo(2);
        assertThat(usd.path("confirmationsMatchedByPlayerAndAmount").asLong()).isEqualTo(1);
        assertThat(usd.path("unmatchedConfirmations").asLong()).isEqualTo(1);
        JsonNode eur = currency(report, "EUR");
        assertThat(eur.path("confirmations").asLong()).isEqualTo(1);
        assertThat(eur.path("confirmationsMatchedByTransactionId").asLong()).isEqualTo(1);

        JsonNode amount = report.path("amountMismatches").get(0);
        assertThat(amount.path("purchase").path("transactionId").asString()).isEqualTo("T2-" + run);
        assertThat(amount.path("confirmation").path("amount").asString()).isEqualTo("12.00");
        assertThat(amount.path("difference").asString()).isEqualTo("2.00");
        assertThat(report.path("currencyMismatches").get(0).path("confirmation").path("currency").asString())
            .isEqualTo("EUR");
        assertThat(pairs(report)).containsExactly("p4-" + run + " 180s");
        assertThat(players(report.path("unmatchedPurchases"), "purchase")).containsExactly("p6-" + run);
        assertThat(players(report.path("unmatchedConfirmations"), "confirmation")).containsExactly("p5-" + run);

        JsonNode nextDayUsd = currency(nextDay, "USD");
        assertThat(nextDayUsd.path("confirmations").asLong()).isEqualTo(1);
        assertThat(nextDayUsd.path("confirmationsMatchedByTransactionId").asLong()).isEqualTo(1);
        assertThat(nextDayUsd.path("purchases").asLong()).isZero();
    }

    @Test
    void aPairAcrossMidnightIsTheSamePairInBothDaysReports() {
        inputs.purchases("2025-01-13T23:55:00Z,m-%s,30.00,BRL,PM-%s,c".formatted(run, run));
        inputs.confirmations("2025-01-14T00:03:00Z,m-%s,30.00,BRL,GM-%s,".formatted(run, run));

        JsonNode before = inputs.report("2025-01-13", "reconciliation").json();
        JsonNode after = inputs.report("2025-01-14", "reconciliation").json();

        assertThat(pairs(before)).containsExactly("m-" + run + " 480s");
        assertThat(pairs(after)).containsExactly("m-" + run + " 480s");
        assertThat(onlyCurrency(before).path("unmatchedPurchases").asLong()).isZero();
        assertThat(onlyCurrency(before).path("purchasesMatchedByPlayerAndAmount").asLong()).isEqualTo(1);
        assertThat(onlyCurrency(after).path("unmatchedConfirmations").asLong()).isZero();
        assertThat(onlyCurrency(after).path("confirmationsMatchedByPlayerAndAmount").asLong()).isEqualTo(1);
    }

    private static JsonNode onlyCurrency(JsonNode report) {
        assertThat(report.path("totals")).hasSize(1);
        return report.path("totals").get(0);
    }

    private static JsonNode currency(JsonNode report, String currency) {
        for (JsonNode totals : report.path("totals")) {
            if (totals.path("currency").asString().equals(currency)) {
                return totals;
            }
        }
        throw new AssertionError("no " + currency + " in " + report);
    }

    private static List<String> pairs(JsonNode report) {
        List<String> pairs = new ArrayList<>();
        for (JsonNode pair : report.path("matchedByPlayerAndAmount")) {
            assertThat(pair.path("purchase").path("playerId").asString())
                .isEqualTo(pair.path("confirmation").path("playerId").asString());
            pairs.add(pair.path("purchase").path("playerId").asString() + " " + pair.path("secondsApart").asLong()
                    + "s");
        }
        return pairs;
    }

    private static List<String> players(JsonNode items, String side) {
        List<String> players = new ArrayList<>();
        items.forEach(item -> players.add(item.path(side).path("playerId").asString()));
        return players;
    }
}
