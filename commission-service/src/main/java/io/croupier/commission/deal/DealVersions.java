package io.croupier.commission.deal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The deal versions of some offers, read at once, and which one was in force at a given time: the version with the
 * latest effective time at or before it. Version 1 also covers anything earlier: an offer has no deal before its first
 * one, so an earlier conversion can only have been made under it.
 */
public final class DealVersions {

    private static final Comparator<Deal> LATEST = Comparator.comparing(Deal::effectiveFrom)
        .thenComparingInt(Deal::version);

    private final Map<String, List<Deal>> byOffer;

    DealVersions(List<Deal> versions) {
        this.byOffer = versions.stream().collect(Collectors.groupingBy(Deal::offerId));
    }

    /** @throws DealNotKnownException when no such version has been read (yet) */
    public Deal inForce(String offerId, Instant occurredAt) {
        List<Deal> versions = byOffer.getOrDefault(offerId, List.of());
        return versions.stream()
            .filter(deal -> !deal.effectiveFrom().isAfter(occurredAt))
            .max(LATEST)
            .or(() -> versions.stream().filter(deal -> deal.version() == 1).max(LATEST))
            .orElseThrow(() -> new DealNotKnownException(offerId, occurredAt));
    }
}
