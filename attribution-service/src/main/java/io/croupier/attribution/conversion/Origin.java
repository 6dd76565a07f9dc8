package io.croupier.attribution.conversion;

import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.events.Tracking;

/** What an attributed conversion inherits from the click it came through: the click, its publisher and tracking. */
record Origin(String clickId, String publisherId, Tracking tracking) {

    static final Origin NONE = new Origin(null, null, new Tracking());

    static Origin of(StoredClick click) {
        return new Origin(click.clickId(), click.publisherId(), click.tracking());
    }

    static Origin of(PlayerLink link) {
        return new Origin(link.clickId(), link.publisherId(), link.tracking());
    }

    Origin withPublisher(String publisherId) {
        return new Origin(clickId, publisherId, tracking);
    }
}
