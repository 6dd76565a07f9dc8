/**
 * The default weighing policy: posteriors on each offer's delay-corrected conversion rate and its value per first
 * deposit, routed by information-directed sampling capped at Thompson sampling's probability of being best, with the
 * evidence it reads and the explanation it keeps.
 */
package io.croupier.optimizer.thompson;
