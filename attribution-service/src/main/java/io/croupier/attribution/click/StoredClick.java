package io.croupier.attribution.click;

import java.time.Instant;

/** A click as attribution keeps it: what a conversion inherits from it, and where it came from. */
public record StoredClick(String clickId, String offerId, String publisherId, String source, String campaign,
        String sub1, String sub2, String sub3, String sub4, String sub5, String ip, String userAgent,
        String referrer, Instant occurredAt) {
}
