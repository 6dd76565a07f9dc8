package io.croupier.attribution.conversion;

/** One row of {@code waiting_order_keys}: one order key of a conversion still waiting. */
record WaitingKey(String orderKey, long postbackLogId, String eventId, UnattributedReason reason) {
}
