package io.croupier.attribution.conversion;

import java.util.Optional;

import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.attribution.player.PlayerLinks;
import io.croupier.events.AttributionMethod;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seed 002's deeplink tracking: an app opened through a click names the app user (device or player id), who is then
 * linked to that click like a registration carrying the click id would link it, so the user's later conversions follow
 * the link. The first link of a player wins, so a repeat changes nothing; conversions of that player already waiting
 * for a link are attributed in the same transaction.
 */
@Service
class AppOpens {

    private final ClickRepository clicks;

    private final PlayerLinks players;

    private final ConversionRepository conversions;

    private final ConversionAttribution attribution;

    AppOpens(ClickRepository clicks, PlayerLinks players, ConversionRepository conversions,
            ConversionAttribution attribution) {
        this.clicks = clicks;
        this.players = players;
        this.conversions = conversions;
        this.attribution = attribution;
    }

    /** @return the player's link (made now or before), or empty when the click is not (yet) known */
    @Transactional
    Optional<Tracked> open(String clickId, String playerId) {
        Optional<StoredClick> click = clicks.find(clickId);
        if (click.isEmpty()) {
            return Optional.empty();
        }
        String offerId = click.get().offerId();
        boolean linkedNow = players.link(new PlayerLink(offerId, playerId, clickId, click.get().publisherId(),
                click.get().tracking(), AttributionMethod.CLICK_ID, "track:" + clickId));
        if (linkedNow) {
            conversions.lockWaitingForPlayer(offerId, playerId).forEach(attribution::attempt);
        }
        PlayerLink link = players.find(offerId, playerId).orElseThrow();
        return Optional.of(new Tracked(offerId, playerId, link.clickId(), linkedNow));
    }

    /**
     * @param clickId the click the player is linked to: the tracked one, unless an earlier link stands
     * @param linkedNow whether this call made the link
     */
    record Tracked(String offerId, String playerId, String clickId, boolean linkedNow) {
    }
}
