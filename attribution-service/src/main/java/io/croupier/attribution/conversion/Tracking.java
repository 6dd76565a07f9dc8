package io.croupier.attribution.conversion;

import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.PlayerLink;

/** What an attributed conversion inherits from the click it came through. */
record Tracking(String clickId, String publisherId, String source, String campaign, String sub1, String sub2,
        String sub3, String sub4, String sub5) {

    static final Tracking NONE = new Tracking(null, null, null, null, null, null, null, null, null);

    static Tracking of(StoredClick click) {
        return new Tracking(click.clickId(), click.publisherId(), click.source(), click.campaign(), click.sub1(),
                click.sub2(), click.sub3(), click.sub4(), click.sub5());
    }

    static Tracking of(PlayerLink link) {
        return new Tracking(link.clickId(), link.publisherId(), link.source(), link.campaign(), link.sub1(),
                link.sub2(), link.sub3(), link.sub4(), link.sub5());
    }

    Tracking withPublisher(String publisherId) {
        return new Tracking(clickId, publisherId, source, campaign, sub1, sub2, sub3, sub4, sub5);
    }
}
