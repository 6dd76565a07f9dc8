package io.croupier.commission.ltv;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Seed 000's customer segments, plus players who have not deposited (yet) in that currency. */
enum Segment {

    NO_DEPOSIT("no_deposit"), NEW_DEPOSITOR("new_depositor"), REGULAR("regular"), HIGH_VALUE("high_value");

    private final String label;

    Segment(String label) {
        this.label = label;
    }

    @JsonValue
    String label() {
        return label;
    }

    static Optional<Segment> ofLabel(String label) {
        return Arrays.stream(values()).filter(segment -> segment.label.equals(label)).findFirst();
    }
}
