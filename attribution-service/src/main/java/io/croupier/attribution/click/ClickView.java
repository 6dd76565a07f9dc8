package io.croupier.attribution.click;

import java.time.Instant;

import io.croupier.events.Tracking;

/** A stored click as the APIs show it: its tracking fields at the top level, as they always have been. */
public record ClickView(String clickId, String offerId, String publisherId, String source, String campaign,
        String sub1, String sub2, String sub3, String sub4, String sub5, String ip, String userAgent, String referrer,
        Instant occurredAt) {

    public static ClickView of(StoredClick click) {
        Tracking tracking = click.tracking();
        return new ClickView(click.clickId(), click.offerId(), click.publisherId(), tracking.getSource(),
                tracking.getCampaign(), tracking.getSub1(), tracking.getSub2(), tracking.getSub3(),
                tracking.getSub4(), tracking.getSub5(), click.ip(), click.userAgent(), click.referrer(),
                click.occurredAt());
    }
}
