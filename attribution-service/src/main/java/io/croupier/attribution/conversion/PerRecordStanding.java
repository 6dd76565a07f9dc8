package io.croupier.attribution.conversion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.ClickWaitLock;
import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.attribution.player.PlayerLinks;
import io.croupier.events.ConversionReported;

/**
 * Reads and writes each fact with its own statement when it is needed: for the conversions that a new click, a new
 * player link or the schedule re-checks one at a time, and, with {@code poll-at-once} off, for a poll's conversions.
 */
class PerRecordStanding implements Standing {

    private final ConversionRepository conversions;

    private final ClickRepository clicks;

    private final PlayerLinks players;

    private final WaitingOrderKeys waiting;

    private final ClickWaitLock clickWait;

    PerRecordStanding(ConversionRepository conversions, ClickRepository clicks, PlayerLinks players,
            WaitingOrderKeys waiting, ClickWaitLock clickWait) {
        this.conversions = conversions;
        this.clicks = clicks;
        this.players = players;
        this.waiting = waiting;
        this.clickWait = clickWait;
    }

    @Override
    public Optional<StoredClick> click(String clickId) {
        return clicks.find(clickId);
    }

    @Override
    public void waitForClickBatches() {
        clickWait.beforeParking();
    }

    @Override
    public Optional<PlayerLink> link(String offerId, String playerId) {
        return players.find(offerId, playerId);
    }

    @Override
    public boolean link(PlayerLink link) {
        return players.link(link);
    }

    @Override
    public boolean recordDeposit(String offerId, String playerId) {
        return players.recordDeposit(offerId, playerId);
    }

    @Override
    public boolean claimFirstDeposit(String offerId, String playerId) {
        return players.claimFirstDeposit(offerId, playerId);
    }

    @Override
    public boolean insert(ConversionReported conversion, Instant receivedAt, Instant graceUntil) {
        return conversions.insert(conversion, receivedAt, graceUntil);
    }

    @Override
    public boolean markAttributed(ConversionReported conversion, Decision.Attributed decision, Instant now) {
        return conversions.markAttributed(conversion, decision, now);
    }

    @Override
    public boolean markWaiting(ConversionReported conversion, String state, UnattributedReason reason,
            Instant nextCheckAt) {
        return conversions.markWaiting(conversion, state, reason, nextCheckAt);
    }

    @Override
    public List<Waiting> waitingEarlierThan(OrderKeys keys, long postbackLogId) {
        return waiting.earlierThan(keys, postbackLogId);
    }

    @Override
    public void recordWaiting(OrderKeys keys, long postbackLogId, String eventId, UnattributedReason reason) {
        waiting.record(keys, postbackLogId, eventId, reason);
    }

    @Override
    public void removeWaiting(OrderKeys keys, String eventId) {
        waiting.remove(keys, eventId);
    }

    @Override
    public List<ParkedConversion> lockFollowers(OrderKeys keys, long postbackLogId) {
        return conversions.lockFollowers(keys, postbackLogId);
    }

    @Override
    public List<ParkedConversion> lockWaitingForPlayer(String offerId, String playerId) {
        return conversions.lockWaitingForPlayer(offerId, playerId);
    }

    /** Each link looked its waiting conversions up as it was made. */
    @Override
    public List<ParkedConversion> lockStillWaitingForLinkedPlayers() {
        return List.of();
    }

    @Override
    public void flush() {
        // Every fact was written when it was decided.
    }
}
