package io.croupier.postback.intake;

/**
 * A call whose signature was verified: its sender's message id may be accepted once per offer, which the recorder
 * claims in the transaction that makes the call durable, so a replayed copy is refused however late it comes within
 * the signature's tolerance.
 */
public record SignedMessage(String offerId, String messageId) {
}
