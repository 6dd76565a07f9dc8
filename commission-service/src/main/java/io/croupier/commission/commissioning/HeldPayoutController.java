package io.croupier.commission.commissioning;

import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator's side of held publisher payouts (a guessed link, a CPA waiting for the gateway's confirmation): what
 * waits for a decision, and the decision.
 */
@Tag(name = "Held payouts", description = "Publisher payouts held for an operator's decision (a guessed link, a CPA "
        + "waiting for the gateway's confirmation): list, confirm, reject.")
@RestController
class HeldPayoutController {

    private final Ledger ledger;

    private final HeldPayouts heldPayouts;

    HeldPayoutController(Ledger ledger, HeldPayouts heldPayouts) {
        this.ledger = ledger;
        this.heldPayouts = heldPayouts;
    }

    /**
     * Entries whose payout waits for an operator, oldest first; each says in its attribution why it is a guess.
     *
     * @param cursor the {@code next_cursor} of the previous page (later entries)
     */
    @ErrorAnswer(status = 400, when = "limit is out of range, or the cursor is not one this API answered",
            detail = "cursor is not one this API answered")
    @GetMapping("/ledger/held")
    CursorPage<LedgerEntry> awaitingDecision(@RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(name = "publisher_id", required = false) String publisherId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(ledger.awaitingDecision(offerId, publisherId, after == null ? null : after.id(),
                request.fetchSize()), entry -> Cursor.of(entry.entryId()));
    }

    /** Pays the held payout: a new entry owing it to the publisher, forwarded to the publisher's postback URL. */
    @DecidesAHeldPayout
    @PostMapping("/ledger/entries/{entryId}/confirm")
    LedgerEntry confirm(@PathVariable String entryId) {
        return heldPayouts.confirm(entryId);
    }

    /**
     * Refuses the held payout: a new entry that pays nothing. On a guessed link the casino's revenue stands; on a CPA
     * the gateway never confirmed, the deposit did not qualify, so the entry also reverses the CPA revenue.
     */
    @DecidesAHeldPayout
    @PostMapping("/ledger/entries/{entryId}/reject")
    LedgerEntry reject(@PathVariable String entryId) {
        return heldPayouts.reject(entryId);
    }
}
