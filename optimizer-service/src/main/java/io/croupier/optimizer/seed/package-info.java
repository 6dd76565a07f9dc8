/** Seed 001's weighing policy, unchanged: EV over each offer's last N clicks, weight = EV / max EV with a floor. */
package io.croupier.optimizer.seed;
