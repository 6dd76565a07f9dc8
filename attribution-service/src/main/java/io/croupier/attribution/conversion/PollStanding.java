package io.croupier.attribution.conversion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.ClickWaitLock;
import io.croupier.attribution.click.StoredClick;
import io.croupier.attribution.player.LinkedPlayer;
import io.croupier.attribution.player.PlayerLink;
import io.croupier.attribution.player.PlayerLinks;
import io.croupier.events.ConversionReported;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A poll's standing, read at once and written at the end. The poll's clicks, player links (with their deposit
 * history), stored conversion ids and waiting order keys are read with one statement each before the first
 * conversion is applied; the conversions are then applied in order against this memory, so a registration and a
 * deposit of the same player in one poll see each other; the poll's new conversions (with their decisions), links,
 * deposit flags and waiting keys are written with one statement per table by {@link #flush}.
 * <p>
 * A fact the poll did not read ahead (a player of a conversion that the poll released) is read when first needed and
 * kept. The rare paths that must see the database as the transaction left it (locking the conversions released by an
 * attribution) write what is held first. Nothing here is locked while it is read: should another transaction have
 * linked a player or noted a deposit meanwhile, the flush finds fewer rows changed than this memory did and fails, and
 * the poll is redone one conversion per transaction ({@link io.croupier.runtime.kafka.PollTransactions}).
 */
final class PollStanding implements Standing {

    private static final Logger log = LoggerFactory.getLogger(PollStanding.class);

    private static final Comparator<WaitingKey> WAITING_ORDER = Comparator.comparing(WaitingKey::orderKey)
        .thenComparing(WaitingKey::eventId);

    private final ConversionRepository conversions;

    private final ClickRepository clickRepository;

    private final PlayerLinks playerLinks;

    private final WaitingOrderKeys waitingKeys;

    private final ClickWaitLock clickWait;

    private final Set<String> stored;

    private final Map<String, Optional<StoredClick>> clicks = new HashMap<>();

    private final Map<PlayerKey, Player> players = new HashMap<>();

    private final Map<String, List<WaitingKey>> waiting = new HashMap<>();

    private final Map<String, NewConversion> received = new LinkedHashMap<>();

    private final Set<PlayerKey> linkedNow = new LinkedHashSet<>();

    private final Set<PlayerKey> linkedInPoll = new LinkedHashSet<>();

    private final Set<String> decided = new HashSet<>();

    private final Set<PlayerKey> depositedNow = new LinkedHashSet<>();

    private final Set<PlayerKey> countedNow = new LinkedHashSet<>();

    private final Map<WaitingId, WaitingKey> recordedNow = new LinkedHashMap<>();

    private final Map<WaitingId, WaitingKey> removedNow = new LinkedHashMap<>();

    private boolean waitedForClickBatches;

    private PollStanding(ConversionRepository conversions, ClickRepository clickRepository, PlayerLinks playerLinks,
            WaitingOrderKeys waitingKeys, ClickWaitLock clickWait, Set<String> stored) {
        this.conversions = conversions;
        this.clickRepository = clickRepository;
        this.playerLinks = playerLinks;
        this.waitingKeys = waitingKeys;
        this.clickWait = clickWait;
        this.stored = stored;
    }

    /** Reads the standing of these conversions: one statement for each kind of fact they need. */
    static PollStanding read(List<ConversionReported> poll, ConversionRepository conversions,
            ClickRepository clickRepository, PlayerLinks playerLinks, WaitingOrderKeys waitingKeys,
            ClickWaitLock clickWait) {
        PollStanding standing = new PollStanding(conversions, clickRepository, playerLinks, waitingKeys, clickWait,
                conversions.stored(poll));
        standing.readClicks(poll.stream().map(ConversionReported::getClickId).filter(id -> id != null).toList());
        Set<PlayerKey> playersOfPoll = new LinkedHashSet<>();
        Set<String> orderKeys = new LinkedHashSet<>();
        for (ConversionReported conversion : poll) {
            orderKeys.addAll(OrderKeys.of(conversion).all());
            if (conversion.getPlayerId() == null) {
                continue;
            }
            // The player as the conversion names it, and as its click's offer names it (what it links).
            if (conversion.getOfferId() != null) {
                playersOfPoll.add(new PlayerKey(conversion.getOfferId(), conversion.getPlayerId()));
            }
            Optional<StoredClick> click = conversion.getClickId() == null ? Optional.empty()
                    : standing.clicks.get(conversion.getClickId());
            click.ifPresent(found -> {
                playersOfPoll.add(new PlayerKey(found.offerId(), conversion.getPlayerId()));
                orderKeys.add(OrderKeys.player(found.offerId(), conversion.getPlayerId()));
            });
        }
        standing.readPlayers(playersOfPoll);
        standing.readWaiting(orderKeys);
        return standing;
    }

    @Override
    public Optional<StoredClick> click(String clickId) {
        if (!clicks.containsKey(clickId)) {
            readClicks(List.of(clickId));
        }
        return clicks.get(clickId);
    }

    /**
     * What was found missing before the lock may have been committed by a click batch since: forgotten, so it is read
     * again. Read after the lock, it stays true until the commit.
     */
    @Override
    public void waitForClickBatches() {
        if (waitedForClickBatches) {
            return;
        }
        clickWait.beforeParking();
        waitedForClickBatches = true;
        clicks.values().removeIf(Optional::isEmpty);
        players.values().removeIf(player -> player.link == null);
    }

    @Override
    public Optional<PlayerLink> link(String offerId, String playerId) {
        return Optional.ofNullable(player(offerId, playerId).link);
    }

    @Override
    public boolean link(PlayerLink link) {
        Player player = player(link.offerId(), link.playerId());
        if (player.link != null) {
            return false;
        }
        player.link = link;
        linkedNow.add(new PlayerKey(link.offerId(), link.playerId()));
        linkedInPoll.add(new PlayerKey(link.offerId(), link.playerId()));
        return true;
    }

    @Override
    public boolean recordDeposit(String offerId, String playerId) {
        Player player = player(offerId, playerId);
        if (player.link == null || player.deposited) {
            return false;
        }
        player.deposited = true;
        depositedNow.add(new PlayerKey(offerId, playerId));
        return true;
    }

    @Override
    public boolean claimFirstDeposit(String offerId, String playerId) {
        Player player = player(offerId, playerId);
        if (player.link == null || player.firstDepositCounted) {
            return false;
        }
        player.firstDepositCounted = true;
        countedNow.add(new PlayerKey(offerId, playerId));
        return true;
    }

    @Override
    public boolean insert(ConversionReported conversion, Instant receivedAt, Instant graceUntil) {
        String eventId = conversion.getEventId();
        if (stored.contains(eventId) || received.containsKey(eventId)) {
            return false;
        }
        received.put(eventId, NewConversion.received(conversion, receivedAt, graceUntil));
        return true;
    }

    @Override
    public boolean markAttributed(ConversionReported reported, Decision.Attributed decision, Instant now) {
        String eventId = reported.getEventId();
        decided.add(eventId);
        NewConversion conversion = received.get(eventId);
        if (conversion == null) {
            return conversions.markAttributed(reported, decision, now);
        }
        if (conversion.attributed() != null) {
            return false;
        }
        received.put(eventId, conversion.attributed(decision, now));
        return true;
    }

    @Override
    public boolean markWaiting(ConversionReported reported, String state, UnattributedReason reason,
            Instant nextCheckAt) {
        String eventId = reported.getEventId();
        decided.add(eventId);
        NewConversion conversion = received.get(eventId);
        if (conversion == null) {
            return conversions.markWaiting(reported, state, reason, nextCheckAt);
        }
        if (conversion.attributed() != null) {
            return false;
        }
        received.put(eventId, conversion.waiting(state, reason, nextCheckAt));
        return true;
    }

    @Override
    public List<Waiting> waitingEarlierThan(OrderKeys keys, long postbackLogId) {
        Map<String, Waiting> earlier = new LinkedHashMap<>();
        for (String key : keys.all()) {
            for (WaitingKey row : waitingUnder(key)) {
                if (row.postbackLogId() < postbackLogId) {
                    earlier.computeIfAbsent(row.eventId() + "\n" + row.reason(),
                            id -> new Waiting(row.eventId(), row.reason(), new ArrayList<>()))
                        .sharedKeys()
                        .add(key);
                }
            }
        }
        return List.copyOf(earlier.values());
    }

    @Override
    public void recordWaiting(OrderKeys keys, long postbackLogId, String eventId, UnattributedReason reason) {
        for (String key : keys.all()) {
            List<WaitingKey> rows = waitingUnder(key);
            rows.removeIf(row -> row.eventId().equals(eventId));
            WaitingKey row = new WaitingKey(key, postbackLogId, eventId, reason);
            rows.add(row);
            WaitingId id = new WaitingId(key, eventId);
            removedNow.remove(id);
            recordedNow.put(id, row);
        }
    }

    @Override
    public void removeWaiting(OrderKeys keys, String eventId) {
        for (String key : keys.all()) {
            waitingUnder(key).removeIf(row -> row.eventId().equals(eventId));
            WaitingId id = new WaitingId(key, eventId);
            recordedNow.remove(id);
            removedNow.put(id, new WaitingKey(key, 0, eventId, null));
        }
    }

    /** Only when one of the keys has a follower: that is what the database is asked to lock. */
    @Override
    public List<ParkedConversion> lockFollowers(OrderKeys keys, long postbackLogId) {
        boolean anyFollower = keys.all()
            .stream()
            .flatMap(key -> waitingUnder(key).stream())
            .anyMatch(row -> row.postbackLogId() > postbackLogId
                    && row.reason() == UnattributedReason.WAITING_FOR_EARLIER);
        if (!anyFollower) {
            return List.of();
        }
        flush();
        return conversions.lockFollowers(keys, postbackLogId);
    }

    /**
     * Only when a conversion of the player waits (every waiting conversion's player key is kept, so most new links
     * release nothing and cost nothing here).
     */
    @Override
    public List<ParkedConversion> lockWaitingForPlayer(String offerId, String playerId) {
        if (waitingUnder(OrderKeys.player(offerId, playerId)).isEmpty()) {
            return List.of();
        }
        flush();
        return conversions.lockWaitingForPlayer(offerId, playerId);
    }

    /**
     * One statement for every player the poll linked. The conversions this poll decided already met the links it
     * made as they were made.
     */
    @Override
    public List<ParkedConversion> lockStillWaitingForLinkedPlayers() {
        if (linkedInPoll.isEmpty()) {
            return List.of();
        }
        flush();
        return conversions.lockWaitingForPlayers(offers(linkedInPoll), playersOf(linkedInPoll))
            .stream()
            .filter(parked -> !decided.contains(parked.conversion().getEventId()))
            .toList();
    }

    @Override
    public void flush() {
        expect(conversions.insertAll(received.values()), received.size(), "conversions stored");
        stored.addAll(received.keySet());
        received.clear();
        // In key order, so that two transactions writing the same rows lock them in the same order.
        List<LinkedPlayer> links = linkedNow.stream().sorted().map(key -> players.get(key).linked()).toList();
        expect(playerLinks.linkAll(links), links.size(), "players linked");
        // A link made in this poll was inserted with its deposit history.
        depositedNow.removeAll(linkedNow);
        countedNow.removeAll(linkedNow);
        linkedNow.clear();
        List<PlayerKey> deposited = depositedNow.stream().sorted().toList();
        expect(playerLinks.recordDeposits(offers(deposited), playersOf(deposited)), deposited.size(),
                "first deposits recorded");
        depositedNow.clear();
        List<PlayerKey> counted = countedNow.stream().sorted().toList();
        expect(playerLinks.claimFirstDeposits(offers(counted), playersOf(counted)), counted.size(),
                "first deposits counted");
        countedNow.clear();
        waitingKeys.removeAll(removedNow.values().stream().sorted(WAITING_ORDER).toList());
        removedNow.clear();
        waitingKeys.recordAll(recordedNow.values().stream().sorted(WAITING_ORDER).toList());
        recordedNow.clear();
    }

    private static void expect(int changed, int expected, String what) {
        if (changed != expected) {
            String message = what + ": " + changed + " of " + expected
                    + " (another transaction changed them since the poll read them)";
            log.warn("{}; the poll is redone one conversion per transaction", message);
            throw new ConcurrentStandingChange(message);
        }
    }

    private void readClicks(Collection<String> clickIds) {
        Map<String, StoredClick> found = clickRepository.findAll(clickIds);
        clickIds.forEach(id -> clicks.put(id, Optional.ofNullable(found.get(id))));
    }

    private void readPlayers(Collection<PlayerKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        keys.forEach(key -> players.put(key, new Player()));
        playerLinks.findAll(offers(keys), playersOf(keys)).forEach(linked -> {
            Player player = players.get(new PlayerKey(linked.link().offerId(), linked.link().playerId()));
            player.link = linked.link();
            player.deposited = linked.deposited();
            player.firstDepositCounted = linked.firstDepositCounted();
        });
    }

    private void readWaiting(Collection<String> orderKeys) {
        if (orderKeys.isEmpty()) {
            return;
        }
        orderKeys.forEach(key -> waiting.put(key, new ArrayList<>()));
        waitingKeys.under(orderKeys).forEach(row -> waiting.get(row.orderKey()).add(row));
    }

    private Player player(String offerId, String playerId) {
        PlayerKey key = new PlayerKey(offerId, playerId);
        if (!players.containsKey(key)) {
            readPlayers(List.of(key));
        }
        return players.get(key);
    }

    private List<WaitingKey> waitingUnder(String orderKey) {
        if (!waiting.containsKey(orderKey)) {
            readWaiting(List.of(orderKey));
        }
        return waiting.get(orderKey);
    }

    private static List<String> offers(Collection<PlayerKey> keys) {
        return keys.stream().map(PlayerKey::offerId).toList();
    }

    private static List<String> playersOf(Collection<PlayerKey> keys) {
        return keys.stream().map(PlayerKey::playerId).toList();
    }

    private record PlayerKey(String offerId, String playerId) implements Comparable<PlayerKey> {

        @Override
        public int compareTo(PlayerKey other) {
            int byOffer = offerId.compareTo(other.offerId);
            return byOffer != 0 ? byOffer : playerId.compareTo(other.playerId);
        }
    }

    private record WaitingId(String orderKey, String eventId) {
    }

    /** A player as the poll sees it: not linked ({@code link == null}) or linked, with the deposit history. */
    private static final class Player {

        private PlayerLink link;

        private boolean deposited;

        private boolean firstDepositCounted;

        LinkedPlayer linked() {
            return new LinkedPlayer(link, deposited, firstDepositCounted);
        }
    }
}
