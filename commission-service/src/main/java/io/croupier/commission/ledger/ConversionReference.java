package io.croupier.commission.ledger;

import io.croupier.events.Tracking;

/**
 * What a publisher's postback names of the conversion besides the entry's own figures, so the publisher can match
 * the payout to its own records.
 *
 * @param externalOfferId the partner's own offer or survey id (seed 004 offer_id)
 */
public record ConversionReference(String transactionId, String externalOfferId, Tracking tracking) {
}
