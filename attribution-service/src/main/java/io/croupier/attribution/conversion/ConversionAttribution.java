package io.croupier.attribution.conversion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

import io.croupier.attribution.player.FirstDeposits;
import io.croupier.attribution.player.PlayerLink;
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
 * outbox, and parks what cannot be attributed yet. Every method runs inside the caller's transaction, against the
 * {@link Standing} it reads and writes through: a poll's, read at once, or one statement per fact.
 */
@Service
@Transactional(propagation = Propagation.MANDATORY)
class ConversionAttribution {

    static final String CONSUMER = "attribution-service.conversions";

    private static final Logger log = LoggerFactory.getLogger(ConversionAttribution.class);

    private final Standings standings;

    private final Attributor attributor;

    private final FirstDeposits firstDeposits;

    private final Inbox inbox;

    private final Outbox outbox;

    private final ApplicationEventPublisher events;

    private final AttributionSettings settings;

    private final Clock clock;

    private final AttributionMeters meters;

    ConversionAttribution(Standings standings, Attributor attributor, FirstDeposits firstDeposits, Inbox inbox,
            Outbox outbox, ApplicationEventPublisher events, AttributionSettings settings, Clock clock,
            AttributionMeters meters) {
        this.standings = standings;
        this.attributor = attributor;
        this.firstDeposits = firstDeposits;
        this.inbox = inbox;
        this.outbox = outbox;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Newly reported conversions, in the order they were consumed; a redelivered one, and a repeat within the list, is
     * skipped (one inbox statement for the whole list). Their standing is read at once and written at the end
     * ({@code poll-at-once}), or fact by fact.
     */
    void receive(List<ConversionReported> reported) {
        Set<String> fresh = inbox.firstDeliveries(CONSUMER,
                reported.stream().map(ConversionReported::getEventId).toList());
        List<ConversionReported> firstDeliveries = reported.stream()
            .filter(conversion -> fresh.remove(conversion.getEventId()))
            .toList();
        if (!firstDeliveries.isEmpty()) {
            apply(firstDeliveries, settings.pollAtOnce() ? standings.readAtOnce(firstDeliveries)
                    : standings.perRecord());
        }
    }

    /** Stores and attributes conversions received for the first time, in their order, against this standing. */
    void apply(List<ConversionReported> firstDeliveries, Standing standing) {
        for (ConversionReported conversion : firstDeliveries) {
            Instant now = clock.instant();
            Instant graceUntil = now.plus(settings.gracePeriod());
            if (standing.insert(conversion, now, graceUntil)) {
                attempt(new ParkedConversion(conversion, graceUntil, 0), standing);
            }
        }
        standing.lockStillWaitingForLinkedPlayers().forEach(parked -> attempt(parked, standing));
        standing.flush();
    }

    /**
     * Decides again for a stored conversion the caller holds locked, and then for every conversion that its
     * attribution releases (those parked behind it, those waiting for the player it links), in turn.
     */
    void attempt(ParkedConversion parked) {
        attempt(parked, standings.perRecord());
    }

    private void attempt(ParkedConversion parked, Standing standing) {
        Deque<ParkedConversion> work = new ArrayDeque<>();
        work.add(parked);
        while (!work.isEmpty()) {
            work.addAll(attemptOne(work.poll(), standing));
        }
    }

    /** @return the conversions this one's attribution (or giving up) released */
    private List<ParkedConversion> attemptOne(ParkedConversion parked, Standing standing) {
        ConversionReported conversion = parked.conversion();
        OrderKeys keys = OrderKeys.of(conversion);
        Instant now = clock.instant();
        Decision decision = decide(conversion, standing);
        meters.decided(decision);
        if (decision instanceof Decision.Attributed attributed) {
            if (!waitsBehindEarlier(conversion, keys, attributed, standing)) {
                return attribute(parked, keys, attributed, now, standing);
            }
            decision = new Decision.Unattributed(UnattributedReason.WAITING_FOR_EARLIER);
        }
        UnattributedReason reason = ((Decision.Unattributed) decision).reason();
        park(parked, keys, reason, now, standing);
        // Given up for good, it holds nothing back any more.
        return reason.permanent() ? followers(parked, keys, standing) : List.of();
    }

    /**
     * The conversions parked behind this one, in the order they were accepted, once it no longer waits. Only a
     * conversion that waited can have any (every wait is counted in its checks): one decided at first sight was never
     * seen waiting.
     */
    private static List<ParkedConversion> followers(ParkedConversion parked, OrderKeys keys, Standing standing) {
        if (parked.checks() == 0) {
            return List.of();
        }
        standing.removeWaiting(keys, parked.conversion().getEventId());
        return standing.lockFollowers(keys, parked.conversion().getPostbackLogId());
    }

    /**
     * A conversion is parked for a missing click only after meeting the click batch that may be storing it, and
     * deciding again ({@link ClickWaitLock}).
     */
    private Decision decide(ConversionReported conversion, Standing standing) {
        Decision decision = attributor.decide(conversion, standing);
        if (decision instanceof Decision.Unattributed unattributed
                && unattributed.reason() == UnattributedReason.CLICK_NOT_FOUND) {
            standing.waitForClickBatches();
            return attributor.decide(conversion, standing);
        }
        return decision;
    }

    /**
     * Whether a conversion postback-service accepted earlier, sharing an order key with this one, still waits: then
     * this one waits behind it, or a later fact would overtake an earlier one. A fact waiting for its player's link
     * does not hold back the conversion that makes the link: the link is what it waits for, and it follows at once.
     */
    private static boolean waitsBehindEarlier(ConversionReported conversion, OrderKeys keys,
            Decision.Attributed decision, Standing standing) {
        List<Waiting> earlier = standing.waitingEarlierThan(keys, conversion.getPostbackLogId());
        if (earlier.isEmpty()) {
            return false;
        }
        boolean linksPlayer = keys.player() != null && decision.method() != AttributionMethod.PLAYER
                && standing.link(decision.offerId(), conversion.getPlayerId()).isEmpty();
        return !earlier.stream().allMatch(waiting -> linksPlayer && waitsForTheLink(waiting, keys));
    }

    private static boolean waitsForTheLink(Waiting waiting, OrderKeys keys) {
        boolean forTheLink = waiting.reason() == UnattributedReason.PLAYER_NOT_LINKED
                || waiting.reason() == UnattributedReason.CLICK_NOT_FOUND;
        return forTheLink && waiting.sharedKeys().stream().allMatch(keys.player()::equals);
    }

    private void park(ParkedConversion parked, OrderKeys keys, UnattributedReason reason, Instant now,
            Standing standing) {
        ConversionReported conversion = parked.conversion();
        if (reason.permanent()) {
            standing.markWaiting(conversion, "UNATTRIBUTED", reason, null);
            return;
        }
        boolean parkedNow;
        if (now.isBefore(parked.graceUntil())) {
            Instant nextCheck = now.plus(backOff(parked.checks()));
            // Checked again no later than the end of the grace period, so it is listed as unattributed on time.
            parkedNow = standing.markWaiting(conversion, "PENDING", reason,
                    nextCheck.isBefore(parked.graceUntil()) ? nextCheck : parked.graceUntil());
        }
        else {
            parkedNow = standing.markWaiting(conversion, "UNATTRIBUTED", reason,
                    now.plus(settings.unattributedRecheckInterval()));
        }
        if (parkedNow) {
            standing.recordWaiting(keys, conversion.getPostbackLogId(), conversion.getEventId(), reason);
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

    private List<ParkedConversion> attribute(ParkedConversion parked, OrderKeys keys, Decision.Attributed decision,
            Instant now, Standing standing) {
        ConversionReported conversion = parked.conversion();
        if (!standing.markAttributed(conversion, decision, now)) {
            return List.of();
        }
        if (decision.warning() != null) {
            log.warn("{} attributed by {}: {}", conversion.getEventId(), decision.method(), decision.warning());
        }
        String playerId = conversion.getPlayerId();
        boolean newlyLinked = playerId != null && decision.method() != AttributionMethod.PLAYER
                && standing.link(link(conversion, decision));
        Boolean firstDeposit = firstDeposits.decide(conversion, decision.offerId(), standing);
        outbox.append(Topics.ATTRIBUTED_CONVERSIONS, conversion.getOrderKey(),
                event(conversion, decision, firstDeposit, now));
        events.publishEvent(new ConversionAttributed(decision.offerId(), conversion.getKind(), conversion.getStatus(),
                countsInFunnel(conversion, decision.offerId(), firstDeposit, standing), conversion.getAmount(),
                conversion.getOccurredAt(), decision.origin().clickId()));
        List<ParkedConversion> released = new ArrayList<>(followers(parked, keys, standing));
        if (newlyLinked) {
            released.addAll(standing.lockWaitingForPlayer(decision.offerId(), playerId));
        }
        return released;
    }

    /**
     * A first deposit counts in the funnel, and a linked player at most once: a casino flagging a later deposit as
     * first (believed for the CPA) does not count the player twice.
     */
    private static boolean countsInFunnel(ConversionReported conversion, String offerId, Boolean firstDeposit,
            Standing standing) {
        return Boolean.TRUE.equals(firstDeposit) && (conversion.getPlayerId() == null
                || standing.claimFirstDeposit(offerId, conversion.getPlayerId()));
    }

    private static PlayerLink link(ConversionReported conversion, Decision.Attributed decision) {
        Origin origin = decision.origin();
        return new PlayerLink(decision.offerId(), conversion.getPlayerId(), origin.clickId(), origin.publisherId(),
                origin.tracking(), decision.method(), conversion.getEventId());
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
            .setGuessed(decision.guessed())
            .setFirstDeposit(firstDeposit)
            .setAttributedAt(now)
            .build();
    }
}
