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
 * a guess ({@code GUESSED_LINK_*}), or one the gateway never confirmed ({@code GATEWAY_HOLD_*}); the gateway's
 * confirmation releases one held until it came ({@code GATEWAY_CONFIRMED}). Each decision is a new ledger entry
 * pointing at the held one, at most one per held entry, and only a confirmation pays the publisher and forwards the
 * payout. Deciding again the same way answers the earlier decision.
 *
 * <p>Rejecting a guessed link refuses the publisher's money only: the casino still owes for a conversion that happened.
 * Rejecting a CPA the gateway never confirmed says the deposit did not qualify, so the casino owes nothing for it: the
 * rejection also reverses the CPA revenue booked when it qualified.
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
        return decide(heldEntryId, true);
    }

    @Transactional
    public LedgerEntry reject(String heldEntryId) {
        return decide(heldEntryId, false);
    }

    private LedgerEntry decide(String heldEntryId, boolean confirmed) {
        LedgerEntry held = ledger.find(heldEntryId)
            .orElseThrow(() -> problem(HttpStatus.NOT_FOUND, "no ledger entry " + heldEntryId));
        locks.lockDecisionOn(heldEntryId, held.conversionKey());
        if (held.heldPayout() == null) {
            throw problem(HttpStatus.CONFLICT, "ledger entry " + heldEntryId + " holds no payout");
        }
        Rule decision = awaitsGateway(held)
                ? confirmed ? Rule.GATEWAY_HOLD_CONFIRMED : Rule.GATEWAY_HOLD_REJECTED
                : confirmed ? Rule.GUESSED_LINK_CONFIRMED : Rule.GUESSED_LINK_REJECTED;
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
        if (confirmed) {
            pay(held, entry);
        }
        else {
            recorder.record(entry, null);
        }
        audit.record(confirmed ? "confirm-held-payout" : "reject-held-payout", "ledger-entry", heldEntryId, null,
                entry);
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

    private static boolean awaitsGateway(LedgerEntry held) {
        return PublisherPayout.UNTIL_GATEWAY_CONFIRMATION.equals(held.inputs().get("held_until"));
    }

    private static LedgerEntry decisionOn(LedgerEntry held, Rule decision, Map<String, String> details,
            Instant now) {
        String inputEventId = switch (decision) {
            case GUESSED_LINK_CONFIRMED, GATEWAY_HOLD_CONFIRMED -> "confirm:";
            case GATEWAY_CONFIRMED -> "gateway-confirmed:";
            default -> "reject:";
        } + held.entryId();
        boolean rejected = decision == Rule.GUESSED_LINK_REJECTED || decision == Rule.GATEWAY_HOLD_REJECTED;
        Amount payout = rejected ? Amount.zero(held.heldPayout().currency()) : held.heldPayout();
        boolean voidsRevenue = decision == Rule.GATEWAY_HOLD_REJECTED;
        Amount revenue = voidsRevenue ? held.revenue().negate() : Amount.zero(held.revenue().currency());
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("held_entry", held.entryId());
        inputs.put("held_payout", held.heldPayout().toString());
        if (voidsRevenue) {
            inputs.put("reversed_entry", held.entryId());
            inputs.put("reversed_rule", held.rule());
        }
        inputs.putAll(details);
        return new LedgerEntry(UUID.nameUUIDFromBytes(inputEventId.getBytes(StandardCharsets.UTF_8)).toString(),
                inputEventId, held.postbackLogId(), voidsRevenue ? held.entryId() : null, held.entryId(),
                held.conversionKey(), held.offerId(), held.publisherId(), held.clickId(), held.playerId(),
                held.campaign(), held.kind(), held.status(), decision.name(), held.dealVersion(), revenue, payout,
                null, false, held.attribution(), held.reference(), inputs, held.occurredAt(), now);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
