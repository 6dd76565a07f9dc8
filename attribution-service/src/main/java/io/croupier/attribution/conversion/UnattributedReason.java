package io.croupier.attribution.conversion;

/** Why a conversion is not attributed (yet). */
enum UnattributedReason {

    /** The conversion names a click that has not been stored: it may still arrive. */
    CLICK_NOT_FOUND(false),

    /** A later fact of a player whose registration (or first click-attributed conversion) has not been seen. */
    PLAYER_NOT_LINKED(false),

    /** No click id, player link or sub id, and no click of the offer within the fallback window. */
    NO_RECENT_CLICK(false),

    /**
     * It could be attributed, but a conversion of the same click, player, sub id or identity that postback-service
     * accepted earlier still waits: attributing this one first would let a later fact overtake an earlier one (a
     * rejection its approval, an approval its pending report). Released when that one is attributed or given up.
     */
    WAITING_FOR_EARLIER(false),

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
