package io.croupier.postback.intake;

/**
 * A call whose signature was verified: its sender's message id is claimed per offer in the transaction that makes the
 * call durable. A later call with the same id is the sender's resend of that message when it carries the same
 * content (answered as a duplicate of what the first one was accepted as) and a replay otherwise (refused).
 *
 * @param contentDigest hex SHA-256 of what identifies the message's content: its canonical path and what the
 *        signature covers (a resend has a new timestamp and signature, so those are left out)
 */
public record SignedMessage(String offerId, String messageId, String contentDigest) {
}
