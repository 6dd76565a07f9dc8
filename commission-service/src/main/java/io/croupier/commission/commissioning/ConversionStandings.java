package io.croupier.commission.commissioning;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.croupier.commission.ledger.LedgerEntry;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionStatus;

/**
 * Where a poll's conversions stand in the ledger: every entry of each conversion (they all share its key), read at
 * once under the conversions' locks and kept in append order, with the entries the poll decides added as they are
 * decided, so a later status of the same conversion in the poll sees them.
 */
final class ConversionStandings {

    /** Own approvals that settle nothing: a repeat, an ignored pending report, a refused approval. */
    private static final Set<String> NOT_SETTLING = Set.of(Rule.ALREADY_APPROVED.name(),
            Rule.PENDING_AFTER_APPROVAL_IGNORED.name(), Rule.ALREADY_REJECTED.name());

    private final Map<String, List<LedgerEntry>> byConversion = new HashMap<>();

    ConversionStandings(List<LedgerEntry> entries) {
        entries.forEach(this::add);
    }

    void add(LedgerEntry entry) {
        if (entry.conversionKey() != null) {
            byConversion.computeIfAbsent(entry.conversionKey(), key -> new ArrayList<>()).add(entry);
        }
    }

    /**
     * The approved entry that currently settles a conversion: approved, not itself a reversal or a decision, not
     * already reversed, not a repeated or refused approval, and not a chargeback (which shares the key of the
     * deposit it takes back); the latest if several do.
     */
    Optional<LedgerEntry> settling(String conversionKey) {
        List<LedgerEntry> entries = entriesOf(conversionKey);
        for (int i = entries.size() - 1; i >= 0; i--) {
            LedgerEntry entry = entries.get(i);
            if (entry.status() == ConversionStatus.APPROVED && isOwn(entry)
                    && entry.kind() != ConversionKind.CHARGEBACK && !NOT_SETTLING.contains(entry.rule())
                    && !isReversed(entry, entries)) {
                return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** The entry that rejected a conversion, if one did: a rejection is final. */
    Optional<LedgerEntry> rejection(String conversionKey) {
        return entriesOf(conversionKey).stream()
            .filter(entry -> entry.status() == ConversionStatus.REJECTED && isOwn(entry))
            .findFirst();
    }

    /**
     * What an operator confirmed paying on {@code held} and nothing has reversed yet: reversing the held entry takes
     * that payout back too.
     */
    Optional<LedgerEntry> standingConfirmationOf(LedgerEntry held) {
        List<LedgerEntry> entries = entriesOf(held.conversionKey());
        return entries.stream()
            .filter(entry -> held.entryId().equals(entry.resolves()) && !entry.publisherPayout().isZero()
                    && !isReversed(entry, entries))
            .findFirst();
    }

    private List<LedgerEntry> entriesOf(String conversionKey) {
        return conversionKey == null ? List.of() : byConversion.getOrDefault(conversionKey, List.of());
    }

    private static boolean isOwn(LedgerEntry entry) {
        return entry.reverses() == null && entry.resolves() == null;
    }

    private static boolean isReversed(LedgerEntry entry, List<LedgerEntry> entries) {
        return entries.stream().anyMatch(other -> entry.entryId().equals(other.reverses()));
    }
}
