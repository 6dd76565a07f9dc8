package io.croupier.postback.intake;

/** What became of an inbound call, as written to {@code postback_logs.outcome}. */
public enum Outcome {
    SUCCESS, DUPLICATE, TEST, ERROR_HOUSE_NOT_FOUND, ERROR_AFFILIATE_NOT_FOUND, ERROR_INVALID_KEY,
    ERROR_SOURCE_NOT_ALLOWED, ERROR_VALIDATION,
    /** The offer requires signed calls and this one carried no signature. */
    ERROR_SIGNATURE_MISSING,
    /** A signature that does not match, or signature fields that are malformed. */
    ERROR_SIGNATURE_INVALID,
    /** A signature whose timestamp is outside the tolerance. */
    ERROR_SIGNATURE_STALE,
    /** A signed message id this offer already accepted. */
    ERROR_SIGNATURE_REPLAYED
}
