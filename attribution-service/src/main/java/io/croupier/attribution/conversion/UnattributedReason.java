package io.croupier.attribution.conversion;

/** Why a conversion is not attributed (yet). */
enum UnattributedReason {

    /** The conversion names a click that has not been stored: it may still arrive. */
    CLICK_NOT_FOUND(false),

    /** A later fact of a player whose registration (or first click-attributed conversion) has not been seen. */
    PLAYER_NOT_LINKED(false),

    /** No click id, player link or sub id, and no click of the offer within the fallback window. */
    NO_RECENT_CLICK(false),

    /** The click belongs to another offer than the one whose secret or key reported the conversion (seed 001). */
    SECRET_OFFER_MISMATCH(true),

    /** Neither a click nor an offer identifies where the conversion belongs. */
    UNKNOWN_OFFER(true);

    private final boolean permanent;

    UnattributedReason(boolean permanent) {
        this.permanent = permanent;
    }

    /** A permanent reason cannot change with later clicks or links, so the conversion is never checked again. */
    boolean permanent() {
        return permanent;
    }
}
