/** Weight sets: computing one with the configured policy on schedule, on demand and for a new offer, storing it with its explanation, publishing it. */
package io.croupier.optimizer.weights;
