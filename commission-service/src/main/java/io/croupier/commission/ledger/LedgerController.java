package io.croupier.commission.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.croupier.access.PublisherScope;
import io.croupier.commission.money.Amount;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The ledger as it is ("why was this paid?") and the conversions with their commissions. Times are ISO-8601 instants;
 * {@code from} is inclusive, {@code to} exclusive. A publisher's token always reads its own publisher's entries,
 * whatever {@code publisher_id} it sends.
 */
@Tag(name = "Ledger", description = "The append-only commission ledger (why was this paid?) and the conversions "
        + "with their commissions; a correction is a new entry pointing to the one it reverses.")
@RestController
class LedgerController {

    private final Ledger ledger;

    LedgerController(Ledger ledger) {
        this.ledger = ledger;
    }

    /** A publisher's token reaches only its own entries; another's is answered as if it did not exist. */
    @ErrorAnswer(status = 404, when = "No ledger entry has this id, or it is another publisher's",
            detail = "no ledger entry 9f2c1e4a")
    @GetMapping("/ledger/entries/{entryId}")
    LedgerEntry entry(@PathVariable String entryId, PublisherScope scope) {
        return ledger.find(entryId)
            .filter(entry -> scope.covers(entry.publisherId()))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no ledger entry " + entryId));
    }

    /**
     * In ledger order, oldest first, or the last written first.
     *
     * @param newestFirst pass the same value with every page's cursor
     */
    @GetMapping("/ledger/entries")
    CursorPage<LedgerEntry> entries(@RequestParam(name = "input_event_id", required = false) String inputEventId,
            @RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(name = "publisher_id", required = false) String publisherId,
            @RequestParam(name = "player_id", required = false) String playerId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(name = "newest_first", defaultValue = "false") boolean newestFirst,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit, PublisherScope scope) {
        PageRequest request = new PageRequest(cursor, limit);
        return request.page(ledger.search(new LedgerQuery(inputEventId, offerId, scope.narrow(publisherId), playerId,
                from, to, afterEntry(request), request.fetchSize(), newestFirst)), entry -> Cursor.of(entry.entryId()));
    }

    /**
     * Each conversion's own entry with everything written against it since (reversals, an operator's decision on a
     * held payout and its reversal), and what it nets to; in ledger order, or the last written first.
     *
     * @param newestFirst pass the same value with every page's cursor
     */
    @GetMapping("/conversions")
    CursorPage<ConversionCommission> conversions(@RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(name = "publisher_id", required = false) String publisherId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(name = "newest_first", defaultValue = "false") boolean newestFirst,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit, PublisherScope scope) {
        PageRequest request = new PageRequest(cursor, limit);
        CursorPage<LedgerEntry> conversions = request.page(ledger.conversions(new LedgerQuery(null, offerId,
                scope.narrow(publisherId), null, from, to, afterEntry(request), request.fetchSize(), newestFirst)),
                entry -> Cursor.of(entry.entryId()));
        Map<String, String> conversionOf = new HashMap<>();
        Map<String, List<LedgerEntry>> adjustments = new LinkedHashMap<>();
        for (LedgerEntry adjustment : ledger.adjustmentsOf(
                conversions.items().stream().map(LedgerEntry::entryId).toList())) {
            String against = adjustment.resolves() != null ? adjustment.resolves() : adjustment.reverses();
            String conversion = conversionOf.getOrDefault(against, against);
            conversionOf.put(adjustment.entryId(), conversion);
            adjustments.computeIfAbsent(conversion, id -> new ArrayList<>()).add(adjustment);
        }
        return new CursorPage<>(conversions.items()
            .stream()
            .map(entry -> ConversionCommission.of(entry, adjustments.getOrDefault(entry.entryId(), List.of())))
            .toList(), conversions.nextCursor());
    }

    private static String afterEntry(PageRequest request) {
        Cursor after = request.after();
        return after == null ? null : after.id();
    }

    /**
     * @param reversals the entries that reverse the conversion's entry or an operator's decision on it
     * @param decisions an operator's confirmation or rejection of the payout the entry held
     */
    record ConversionCommission(LedgerEntry entry, List<LedgerEntry> reversals, List<LedgerEntry> decisions,
            Amount netRevenue, Amount netPublisherPayout) {

        static ConversionCommission of(LedgerEntry entry, List<LedgerEntry> adjustments) {
            Amount revenue = entry.revenue();
            Amount payout = entry.publisherPayout();
            for (LedgerEntry adjustment : adjustments) {
                revenue = revenue.plus(adjustment.revenue());
                payout = payout.plus(adjustment.publisherPayout());
            }
            return new ConversionCommission(entry, adjustments.stream().filter(LedgerEntry::isReversal).toList(),
                    adjustments.stream().filter(adjustment -> !adjustment.isReversal()).toList(), revenue, payout);
        }
    }
}
