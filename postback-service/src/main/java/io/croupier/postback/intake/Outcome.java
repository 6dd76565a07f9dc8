package io.croupier.postback.intake;

/** What became of an inbound call, as written to {@code postback_logs.outcome}. */
public enum Outcome {
    SUCCESS, DUPLICATE, TEST, ERROR_HOUSE_NOT_FOUND, ERROR_AFFILIATE_NOT_FOUND, ERROR_INVALID_KEY,
    ERROR_SOURCE_NOT_ALLOWED, ERROR_VALIDATION
}
