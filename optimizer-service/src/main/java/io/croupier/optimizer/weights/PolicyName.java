package io.croupier.optimizer.weights;

/** The policies a deployment can weigh its offers with ({@code croupier.optimizer.policy}). */
public enum PolicyName {

    /** The default: Thompson sampling on delay-corrected conversion rates and value per conversion. */
    DELAY_AWARE_THOMPSON,

    /** Seed 001's: EV over the last N clicks, weight = EV / max EV with a floor, 20 % exploration, every 6 hours. */
    SEED_EV
}
