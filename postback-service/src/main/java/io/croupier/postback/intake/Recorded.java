package io.croupier.postback.intake;

/**
 * What became of one postback of a batch: its receipt, or the refusal that left nothing of it in the batch (a
 * replayed signature). Either stands only once the batch has committed.
 */
record Recorded(Receipt.Accepted receipt, Rejection refusal) {

    static Recorded accepted(Receipt.Accepted receipt) {
        return new Recorded(receipt, null);
    }

    static Recorded refused(Rejection refusal) {
        return new Recorded(null, refusal);
    }
}
