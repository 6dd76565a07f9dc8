package io.croupier.commission.commissioning;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.croupier.commission.ledger.Ledger;
import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.commission.money.Amount;
import io.croupier.commission.publisher.PublisherReplica;
import io.croupier.runtime.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.ErrorResponseException;

/**
 * Decisions on a held publisher payout. An operator decides on one held because the conversion's link to its click is
 * a guess, or one the gateway never confirmed; the gateway's confirmation releases one held until it came. Each
 * decision is a new ledger entry pointing at the held one, at most one per held entry, and only a confirmation pays
 * the publisher and forwards the payout. Deciding again the same way answers the earlier decision.
 */
@Service
public class HeldPayouts {

    private final Ledger ledger;

    private final ConversionLocks locks;

    private final PublisherReplica publishers;

    private final EntryRecorder recorder;

    private final AuditTrail audit;

    HeldPayouts(Ledger ledger, ConversionLocks locks, PublisherReplica publishers, EntryRecorder recorder,
            AuditTrail audit) {
        this.ledger = ledger;
        this.locks = locks;
        this.publishers = publishers;
        this.recorder = recorder;
        this.audit = audit;
    }

    @Transactional
    public LedgerEntry confirm(String heldEntryId) {
        return decide(heldEntryId, Rule.GUESSED_LINK_CONFIRMED);
    }

    @Transactional
    public LedgerEntry reject(String heldEntryId) {
        return decide(heldEntryId, Rule.GUESSED_LINK_REJECTED);
    }

    private LedgerEntry decide(String heldEntryId, Rule decision) {
        LedgerEntry held = ledger.find(heldEntryId)
            .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no ledger entry " + heldEntryId));
        locks.lockDecisionOn(heldEntryId, held.conversionKey());
        if (held.heldPayout() == null) {
            throw problem(HttpStatus.CONFLICT, "ledger entry " + heldEntryId + " holds no payout");
        }
        Optional<LedgerEntry> earlier = ledger.decisionOn(heldEntryId);
        if (earlier.isPresent()) {
            if (earlier.get().rule().equals(decision.name())) {
                return earlier.get();
            }
            throw problem(HttpStatus.CONFLICT, "the payout of ledger entry " + heldEntryId + " was already decided: "
                    + earlier.get().rule() + " in entry " + earlier.get().entryId());
        }
        Optional<LedgerEntry> reversal = ledger.reversalOf(heldEntryId);
        if (reversal.isPresent()) {
            throw problem(HttpStatus.CONFLICT, "ledger entry " + heldEntryId + " was reversed by entry "
                    + reversal.get().entryId() + " (the casino's " + reversal.get().status() + " "
                    + reversal.get().kind() + "): nothing is owed");
        }
        LedgerEntry entry = decisionOn(held, decision, Map.of(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        if (decision == Rule.GUESSED_LINK_CONFIRMED) {
            pay(held, entry);
        }
        else {
            recorder.record(entry, null);
        }
        audit.record(decision == Rule.GUESSED_LINK_CONFIRMED ? "confirm-held-payout" : "reject-held-payout",
                "ledger-entry", heldEntryId, null, entry);
        return entry;
    }

    /**
     * Pays a payout held until the gateway confirmed its deposit, in the caller's transaction; nothing when an
     * operator decided on it first or the casino took the deposit back meanwhile.
     */
    void releaseConfirmed(LedgerEntry held, Map<String, String> confirmation) {
        locks.lockDecisionOn(held.entryId(), held.conversionKey());
        if (ledger.decisionOn(held.entryId()).isPresent() || ledger.reversalOf(held.entryId()).isPresent()) {
            return;
        }
        pay(held, decisionOn(held, Rule.GATEWAY_CONFIRMED, confirmation,
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    private void pay(LedgerEntry held, LedgerEntry decision) {
        recorder.record(decision, offerwallUser(held));
        recorder.forward(decision, decision.publisherPayout());
    }

    private String offerwallUser(LedgerEntry held) {
        boolean offerwall = publishers.inForce(held.publisherId(), held.occurredAt()).offerwall();
        return offerwall ? held.reference().tracking().getSub1() : null;
    }

    private static LedgerEntry decisionOn(LedgerEntry held, Rule decision, Map<String, String> details,
            Instant now) {
        String inputEventId = switch (decision) {
            case GUESSED_LINK_CONFIRMED -> "confirm:";
            case GATEWAY_CONFIRMED -> "gateway-confirmed:";
            default -> "reject:";
        } + held.entryId();
        Amount payout = decision == Rule.GUESSED_LINK_REJECTED ? Amount.zero(held.heldPayout().currency())
                : held.heldPayout();
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("held_entry", held.entryId());
        inputs.put("held_payout", held.heldPayout().toString());
        inputs.putAll(details);
        return new LedgerEntry(UUID.nameUUIDFromBytes(inputEventId.getBytes(StandardCharsets.UTF_8)).toString(),
                inputEventId, held.postbackLogId(), null, held.entryId(), held.conversionKey(), held.offerId(),
                held.publisherId(), held.clickId(), held.playerId(), held.campaign(), held.kind(), held.status(),
                decision.name(), held.dealVersion(), Amount.zero(held.revenue().currency()), payout, null, false,
                held.attribution(), held.reference(), inputs, held.occurredAt(), now);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
