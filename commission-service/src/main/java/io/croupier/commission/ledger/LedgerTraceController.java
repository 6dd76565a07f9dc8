package io.croupier.commission.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.croupier.access.PublisherScope;
import io.croupier.commission.money.Amount;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * "Every cent it caused": from a click id, or a casino's transaction id, to every ledger entry it produced, reversals
 * included, in the order they were written, with the net revenue and payout per currency. A publisher's token sees
 * only its own publisher's entries.
 */
@Tag(name = "Ledger trace", description = "From a click id or a casino's transaction id to every ledger entry it "
        + "caused, with the net amounts per currency.")
@RestController
class LedgerTraceController {

    /** A click or a transaction causes a handful of entries; a thousand means the id is not what it seems. */
    static final int MAX_ENTRIES = 1000;

    /** Each look-up its own statement, so that its index ({@code V10__ledger_lookups.sql}) serves every plan of it. */
    static final String BY_CLICK = """
            select * from ledger_entries where click_id = :id order by position limit :limit""";

    static final String BY_TRANSACTION = """
            select * from ledger_entries where inputs ->> 'transaction_id' = :id order by position limit :limit""";

    private final JdbcClient jdbc;

    LedgerTraceController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ErrorAnswer(status = 400, when = "Neither or both of click_id and transaction_id are given",
            detail = "give either click_id or transaction_id")
    @GetMapping("/ledger/trace")
    Trace trace(@RequestParam(name = "click_id", required = false) String clickId,
            @RequestParam(name = "transaction_id", required = false) String transactionId, PublisherScope scope) {
        if ((clickId == null) == (transactionId == null)) {
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail.forStatusAndDetail(
                    HttpStatus.BAD_REQUEST, "give either click_id or transaction_id"), null);
        }
        List<LedgerEntry> entries = jdbc.sql(clickId != null ? BY_CLICK : BY_TRANSACTION)
            .param("id", clickId != null ? clickId : transactionId)
            .param("limit", MAX_ENTRIES)
            .query(Ledger::entry)
            .list()
            .stream()
            .filter(entry -> scope.covers(entry.publisherId()))
            .toList();
        return new Trace(clickId, transactionId, entries, net(entries, LedgerEntry::revenue),
                net(entries, LedgerEntry::publisherPayout));
    }

    private static List<Amount> net(List<LedgerEntry> entries, Function<LedgerEntry, Amount> amount) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        entries.forEach(entry -> totals.merge(amount.apply(entry).currency(), amount.apply(entry).value(),
                BigDecimal::add));
        return totals.entrySet().stream().map(total -> new Amount(total.getValue(), total.getKey())).toList();
    }

    /** @param revenue and {@code publisherPayout}: net of reversals, one amount per currency */
    record Trace(String clickId, String transactionId, List<LedgerEntry> entries, List<Amount> revenue,
            List<Amount> publisherPayout) {
    }
}
