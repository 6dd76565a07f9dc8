package io.croupier.attribution.conversion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.croupier.attribution.player.PlayerLink;
import io.croupier.attribution.player.PlayerLinks;
import io.croupier.events.AttributedConversion;
import io.croupier.events.AttributionMethod;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
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

    private final Inbox inbox;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final AttributionSettings settings;

    private final Clock clock;

    ConversionAttribution(ConversionRepository conversions, Attributor attributor, PlayerLinks players, Inbox inbox,
            Outbox outbox, ApplicationEventPublisher events, AttributionSettings settings, Clock clock) {
        this.conversions = conversions;
        this.attributor = attributor;
        this.players = players;
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
        outbox.append(Topics.ATTRIBUTED_CONVERSIONS, key(conversion, decision), event(conversion, decision, now));
        String playerId = conversion.getPlayerId();
        boolean newlyLinked = playerId != null && decision.method() != AttributionMethod.PLAYER
                && players.link(link(conversion, decision));
        events.publishEvent(new ConversionAttributed(decision.offerId(), conversion.getKind(), conversion.getStatus(),
                firstDeposit(conversion, decision.offerId()), conversion.getAmount(), conversion.getOccurredAt(),
                decision.tracking().clickId()));
        if (newlyLinked) {
            for (ParkedConversion waiting : conversions.lockWaitingForPlayer(decision.offerId(), playerId)) {
                attempt(waiting);
            }
        }
    }

    /**
     * The first-deposit rule: an approved FTD, or a DEPOSIT the casino flags as first, counts; a DEPOSIT without the
     * flag counts when it is the first deposit seen for a linked player. A linked player counts at most once.
     */
    private boolean firstDeposit(ConversionReported conversion, String offerId) {
        if (conversion.getStatus() != ConversionStatus.APPROVED) {
            return false;
        }
        boolean flagged = conversion.getKind() == ConversionKind.FTD
                || conversion.getKind() == ConversionKind.DEPOSIT && Boolean.TRUE.equals(conversion.getFirstDeposit());
        boolean unflagged = conversion.getKind() == ConversionKind.DEPOSIT && conversion.getFirstDeposit() == null;
        if (conversion.getPlayerId() == null) {
            return flagged;
        }
        return (flagged || unflagged) && players.claimFirstDeposit(offerId, conversion.getPlayerId());
    }

    private static PlayerLink link(ConversionReported conversion, Decision.Attributed decision) {
        Tracking tracking = decision.tracking();
        return new PlayerLink(decision.offerId(), conversion.getPlayerId(), tracking.clickId(),
                tracking.publisherId(), tracking.source(), tracking.campaign(), tracking.sub1(), tracking.sub2(),
                tracking.sub3(), tracking.sub4(), tracking.sub5(), decision.method().name(), conversion.getEventId());
    }

    /** docs/event-flow.md: all facts of one player (or one sub id) share a key, so they stay in order. */
    static String key(ConversionReported conversion, Decision.Attributed decision) {
        if (conversion.getPlayerId() != null) {
            return decision.offerId() + ":player:" + conversion.getPlayerId();
        }
        if (conversion.getSubId() != null) {
            return decision.offerId() + ":sub:" + conversion.getSubId();
        }
        return decision.tracking().clickId();
    }

    private static AttributedConversion event(ConversionReported conversion, Decision.Attributed decision,
            Instant now) {
        Tracking tracking = decision.tracking();
        return AttributedConversion.newBuilder()
            .setEventId("attributed:" + conversion.getEventId())
            .setConversion(conversion)
            .setOfferId(decision.offerId())
            .setPublisherId(tracking.publisherId())
            .setClickId(tracking.clickId())
            .setPlayerId(conversion.getPlayerId())
            .setSource(tracking.source())
            .setCampaign(tracking.campaign())
            .setSub1(tracking.sub1())
            .setSub2(tracking.sub2())
            .setSub3(tracking.sub3())
            .setSub4(tracking.sub4())
            .setSub5(tracking.sub5())
            .setMethod(decision.method())
            .setWarning(decision.warning())
            .setAttributedAt(now)
            .build();
    }
}
