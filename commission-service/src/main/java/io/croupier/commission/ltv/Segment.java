package io.croupier.commission.ltv;

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

    static Segment ofLabel(String label) {
        for (Segment segment : values()) {
            if (segment.label.equals(label)) {
                return segment;
            }
        }
        throw new IllegalArgumentException("unknown segment " + label + ", expected one of new_depositor, regular, "
                + "high_value, no_deposit");
    }
}
