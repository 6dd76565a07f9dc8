package io.croupier.attribution.conversion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.croupier.attribution.player.FirstDeposits;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.attribution.player.PlayerLinks;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionReported;
import io.croupier.runtime.inbox.Inbox;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.schemas.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies attribution decisions: stores them, links players, emits each attributed conversion exactly once through the
 * outbox, and parks what cannot be attributed yet. Every method runs inside the caller's transaction.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class ConversionAttribution {

    static final String CONSUMER = "attribution-service.conversions";

    private static final Logger log = LoggerFactory.getLogger(ConversionAttribution.class);

    private final ConversionRepository conversions;

    private final Attributor attributor;

    private final PlayerLinks players;

    private final FirstDeposits firstDeposits;

    private final Inbox inbox;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final AttributionSettings settings;

    private final Clock clock;

    ConversionAttribution(ConversionRepository conversions, Attributor attributor, PlayerLinks players,
            FirstDeposits firstDeposits, Inbox inbox, Outbox outbox, ApplicationEventPublisher events,
            AttributionSettings settings, Clock clock) {
        this.conversions = conversions;
        this.attributor = attributor;
        this.players = players;
        this.firstDeposits = firstDeposits;
        this.inbox = inbox;
        this.outbox = outbox;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
    }

    /** A newly reported conversion; a redelivered one is skipped. */
    void receive(ConversionReported conversion) {
        if (!inbox.firstDelivery(CONSUMER, conversion.getEventId())) {
            return;
        }
        Instant now = clock.instant();
        Instant graceUntil = now.plus(settings.gracePeriod());
        if (conversions.insert(conversion, now, graceUntil)) {
            attempt(new ParkedConversion(conversion, graceUntil, 0));
        }
    }

    /** Decides again for a stored conversion the caller holds locked. */
    void attempt(ParkedConversion parked) {
        ConversionReported conversion = parked.conversion();
        Instant now = clock.instant();
        Decision decision = attributor.decide(conversion);
        if (decision instanceof Decision.Attributed attributed) {
            attribute(conversion, attributed, now);
            return;
        }
        UnattributedReason reason = ((Decision.Unattributed) decision).reason();
        if (reason.permanent()) {
            conversions.markWaiting(conversion.getEventId(), "UNATTRIBUTED", reason, null);
        }
        else if (now.isBefore(parked.graceUntil())) {
            Instant nextCheck = now.plus(backOff(parked.checks()));
            // Checked again no later than the end of the grace period, so it is listed as unattributed on time.
            conversions.markWaiting(conversion.getEventId(), "PENDING", reason,
                    nextCheck.isBefore(parked.graceUntil()) ? nextCheck : parked.graceUntil());
        }
        else {
            conversions.markWaiting(conversion.getEventId(), "UNATTRIBUTED", reason,
                    now.plus(settings.unattributedRecheckInterval()));
        }
    }

    /**
     * A new click or player link re-checks its waiting conversions at once; the schedule is the safety net (fallback
     * matches, links made on another instance), so it backs off instead of re-reading every parked row each time.
     */
    private Duration backOff(int checks) {
        Duration delay = settings.retryInterval().multipliedBy(1L << Math.min(checks, 16));
        return delay.compareTo(settings.unattributedRecheckInterval()) < 0 ? delay
                : settings.unattributedRecheckInterval();
    }

    private void attribute(ConversionReported conversion, Decision.Attributed decision, Instant now) {
        if (!conversions.markAttributed(conversion.getEventId(), decision, now)) {
            return;
        }
        if (decision.warning() != null) {
            log.warn("{} attributed by {}: {}", conversion.getEventId(), decision.method(), decision.warning());
        }
        String playerId = conversion.getPlayerId();
        boolean newlyLinked = playerId != null && decision.method() != AttributionMethod.PLAYER
                && players.link(link(conversion, decision));
        Boolean firstDeposit = firstDeposits.decide(conversion, decision.offerId());
        outbox.append(Topics.ATTRIBUTED_CONVERSIONS, conversion.getOrderKey(),
                event(conversion, decision, firstDeposit, now));
        events.publishEvent(new ConversionAttributed(decision.offerId(), conversion.getKind(), conversion.getStatus(),
                countsInFunnel(conversion, decision.offerId(), firstDeposit), conversion.getAmount(),
                conversion.getOccurredAt()));
        if (newlyLinked) {
            for (ParkedConversion waiting : conversions.lockWaitingForPlayer(decision.offerId(), playerId)) {
                attempt(waiting);
            }
        }
    }

    /**
     * A first deposit counts in the funnel, and a linked player at most once: a casino flagging a later deposit as
     * first (believed for the CPA) does not count the player twice.
     */
    private boolean countsInFunnel(ConversionReported conversion, String offerId, Boolean firstDeposit) {
        return Boolean.TRUE.equals(firstDeposit)
                && (conversion.getPlayerId() == null || players.claimFirstDeposit(offerId, conversion.getPlayerId()));
    }

    private static PlayerLink link(ConversionReported conversion, Decision.Attributed decision) {
        Origin origin = decision.origin();
        return new PlayerLink(decision.offerId(), conversion.getPlayerId(), origin.clickId(), origin.publisherId(),
                origin.tracking(), decision.method().name(), conversion.getEventId());
    }

    private static AttributedConversion event(ConversionReported conversion, Decision.Attributed decision,
            Boolean firstDeposit, Instant now) {
        Origin origin = decision.origin();
        return AttributedConversion.newBuilder()
            .setEventId("attributed:" + conversion.getEventId())
            .setConversion(conversion)
            .setOfferId(decision.offerId())
            .setPublisherId(origin.publisherId())
            .setClickId(origin.clickId())
            .setPlayerId(conversion.getPlayerId())
            .setTracking(origin.tracking())
            .setMethod(decision.method())
            .setWarning(decision.warning())
            .setFirstDeposit(firstDeposit)
            .setAttributedAt(now)
            .build();
    }
}
