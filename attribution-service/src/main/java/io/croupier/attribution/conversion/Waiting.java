package io.croupier.attribution.conversion;

import java.util.List;

/**
 * A conversion still waiting to be attributed, as a later one sharing an order key sees it.
 *
 * @param sharedKeys the order keys it shares with that later one
 */
record Waiting(String eventId, UnattributedReason reason, List<String> sharedKeys) {
}
