package io.croupier.routing;

/**
 * An active offer routing may send a click to.
 *
 * @param offerId the id as written on the topics
 * @param manualWeight the offer's own weight (seed 001's {@code weight}), used until the weight set names the offer
 * @param offer whatever the caller needs back when the offer is chosen
 */
public record Candidate<O>(String offerId, double manualWeight, O offer) {
}
