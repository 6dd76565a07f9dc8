/**
 * The default weighing policy: Thompson sampling on each offer's delay-corrected conversion rate times its value per
 * first deposit, with the evidence it reads and the explanation it keeps.
 */
package io.croupier.optimizer.thompson;
