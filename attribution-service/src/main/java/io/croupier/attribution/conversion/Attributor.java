package io.croupier.attribution.conversion;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.attribution.publisher.PublisherReplica;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import org.springframework.stereotype.Component;

/**
 * Decides how a conversion is attributed, most certain evidence first: its click id, the player's link, the seed 003
 * sub id, and only then the seed 004 fallback to the offer's most recent click. It reads and never writes: clicks and
 * player links as the attributing transaction's {@link Standing} sees them.
 */
@Component
class Attributor {

    /** Facts of a player who must already have registered: they follow the link and are never guessed by fallback. */
    private static final Set<ConversionKind> LATER_PLAYER_FACTS = EnumSet.of(ConversionKind.DEPOSIT,
            ConversionKind.FTD, ConversionKind.PROFIT, ConversionKind.CHARGEBACK);

    private final ClickRepository clicks;

    private final PublisherReplica publishers;

    private final AttributionSettings settings;

    Attributor(ClickRepository clicks, PublisherReplica publishers, AttributionSettings settings) {
        this.clicks = clicks;
        this.publishers = publishers;
        this.settings = settings;
    }

    Decision decide(ConversionReported conversion, Standing standing) {
        String offerId = conversion.getOfferId();
        if (conversion.getClickId() != null) {
            return byClickId(conversion, standing);
        }
        if (offerId == null) {
            return new Decision.Unattributed(UnattributedReason.UNKNOWN_OFFER);
        }
        Optional<PlayerLink> link = link(offerId, conversion.getPlayerId(), standing);
        if (link.isPresent()) {
            return byLink(offerId, link.get(), null);
        }
        if (conversion.getSubId() != null) {
            return bySubId(offerId, conversion.getSubId());
        }
        if (conversion.getPlayerId() != null && LATER_PLAYER_FACTS.contains(conversion.getKind())) {
            return new Decision.Unattributed(UnattributedReason.PLAYER_NOT_LINKED);
        }
        return byFallback(offerId, conversion);
    }

    private Decision byClickId(ConversionReported conversion, Standing standing) {
        Optional<StoredClick> click = standing.click(conversion.getClickId());
        if (click.isPresent()) {
            String offerId = click.get().offerId();
            if (conversion.getOfferId() != null && !conversion.getOfferId().equals(offerId)) {
                return new Decision.Unattributed(UnattributedReason.SECRET_OFFER_MISMATCH);
            }
            return new Decision.Attributed(AttributionMethod.CLICK_ID, offerId, Origin.of(click.get()), null, false);
        }
        // A click past its retention is gone for good, but the player it brought is still linked.
        Optional<PlayerLink> link = link(conversion.getOfferId(), conversion.getPlayerId(), standing);
        if (link.isPresent()) {
            return byLink(conversion.getOfferId(), link.get(),
                    "click " + conversion.getClickId() + " not found; attributed through the player link");
        }
        return new Decision.Unattributed(UnattributedReason.CLICK_NOT_FOUND);
    }

    private Decision bySubId(String offerId, String subId) {
        Optional<String> publisherId = publishers.idByUsername(subId);
        String warning = publisherId.isPresent() ? null : "no publisher with username " + subId;
        return new Decision.Attributed(AttributionMethod.SUB_ID, offerId,
                Origin.NONE.withPublisher(publisherId.orElse(null)), warning, false);
    }

    private Decision byFallback(String offerId, ConversionReported conversion) {
        return clicks
            .mostRecent(offerId, conversion.getOccurredAt().minus(settings.fallbackWindow()), conversion.getOccurredAt())
            .<Decision>map(click -> new Decision.Attributed(AttributionMethod.FALLBACK, offerId, Origin.of(click),
                    "no click_id: matched the most recent click " + click.clickId() + " of offer " + offerId
                            + " within " + settings.fallbackWindow(), true))
            .orElseGet(() -> new Decision.Unattributed(UnattributedReason.NO_RECENT_CLICK));
    }

    /**
     * Through the player's link. A link that a fallback match made is a guess, and so is every fact that follows it:
     * the warning says so, so money on it is never taken for certain.
     */
    private static Decision byLink(String offerId, PlayerLink link, String warning) {
        if (!link.guessed()) {
            return new Decision.Attributed(AttributionMethod.PLAYER, offerId, Origin.of(link), warning, false);
        }
        String guess = "player " + link.playerId() + " was linked to click " + link.clickId()
                + " by a fallback match (" + link.linkedBy() + ")";
        return new Decision.Attributed(AttributionMethod.PLAYER, offerId, Origin.of(link),
                warning == null ? guess : warning + "; " + guess, true);
    }

    private static Optional<PlayerLink> link(String offerId, String playerId, Standing standing) {
        return offerId == null || playerId == null ? Optional.empty() : standing.link(offerId, playerId);
    }
}
