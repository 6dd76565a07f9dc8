package io.croupier.attribution.click;

import java.time.Instant;

import io.croupier.events.Tracking;

/** A click as attribution keeps it: what a conversion inherits from it, and where it came from. */
public record StoredClick(String clickId, String offerId, String publisherId, Tracking tracking, String ip,
        String userAgent, String referrer, Instant occurredAt) {
}
