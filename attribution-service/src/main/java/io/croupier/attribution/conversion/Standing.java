package io.croupier.attribution.conversion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.DepositHistory;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.events.ConversionReported;

/**
 * Everything attribution reads and writes while it decides, as one transaction sees it: the clicks, the player links
 * and their deposit history, the conversions and the order keys still waiting. {@link PerRecordStanding} reads and
 * writes each fact with its own statement when it is needed; {@link PollStanding} reads a whole poll's facts at once,
 * keeps them in memory while the poll's conversions are applied in order, and writes what changed at the end.
 */
interface Standing extends DepositHistory {

    Optional<StoredClick> click(String clickId);

    /**
     * Before a conversion parks for a missing click: waits for a click batch that may be storing it
     * ({@link io.croupier.attribution.click.ClickWaitLock}); what is read afterwards sees that batch committed.
     */
    void waitForClickBatches();

    Optional<PlayerLink> link(String offerId, String playerId);

    /** @return {@code true} if this made the link, {@code false} if the player was already linked */
    boolean link(PlayerLink link);

    /** @return {@code true} only the first time, so a player adds at most one first deposit to the funnel */
    boolean claimFirstDeposit(String offerId, String playerId);

    /** @return {@code false} if the conversion was stored before: it is not applied again */
    boolean insert(ConversionReported conversion, Instant receivedAt, Instant graceUntil);

    /** @return {@code false} if the conversion was already attributed, in which case nothing may be emitted */
    boolean markAttributed(ConversionReported conversion, Decision.Attributed decision, Instant now);

    /** @return {@code false} if the conversion was attributed meanwhile */
    boolean markWaiting(ConversionReported conversion, String state, UnattributedReason reason, Instant nextCheckAt);

    /** The conversions accepted before {@code postbackLogId} that share one of {@code keys} and still wait. */
    List<Waiting> waitingEarlierThan(OrderKeys keys, long postbackLogId);

    void recordWaiting(OrderKeys keys, long postbackLogId, String eventId, UnattributedReason reason);

    void removeWaiting(OrderKeys keys, String eventId);

    /**
     * Locks the conversions accepted after {@code postbackLogId} that share one of {@code keys} and were parked behind
     * an earlier one, in the order they were accepted.
     */
    List<ParkedConversion> lockFollowers(OrderKeys keys, long postbackLogId);

    /** Locks the conversions of a player that wait for the player's link, in the order they were accepted. */
    List<ParkedConversion> lockWaitingForPlayer(String offerId, String playerId);

    /**
     * Locks the conversions still waiting for a player this standing linked: ones another transaction parked after
     * the link was made, found once more just before the commit.
     */
    List<ParkedConversion> lockStillWaitingForLinkedPlayers();

    /** Writes what is still held in memory; the transaction's last step. */
    void flush();
}
