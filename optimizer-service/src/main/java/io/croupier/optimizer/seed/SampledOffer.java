package io.croupier.optimizer.seed;

import java.time.Instant;
import java.util.List;

import io.croupier.optimizer.currency.Revenue;

/**
 * An offer's sample with where it came from: the windows from {@code since} to {@code until} and the revenue earned
 * in them, per currency as earned.
 */
record SampledOffer(OfferSample sample, Instant since, Instant until, List<Revenue> revenue) {
}
