package io.croupier.analytics.pipeline;

/** Why a run happened: the daily schedule (once per day across instances) or an operator's request. */
public enum Trigger {
    SCHEDULED, ON_DEMAND
}
