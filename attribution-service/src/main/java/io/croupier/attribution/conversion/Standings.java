package io.croupier.attribution.conversion;

import java.util.List;

import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.ClickWaitLock;
import io.croupier.attribution.player.PlayerLinks;
import io.croupier.events.ConversionReported;
import org.springframework.stereotype.Component;

/** Makes the {@link Standing} an attributing transaction works against. */
@Component
class Standings {

    private final ConversionRepository conversions;

    private final ClickRepository clicks;

    private final PlayerLinks players;

    private final WaitingOrderKeys waiting;

    private final ClickWaitLock clickWait;

    Standings(ConversionRepository conversions, ClickRepository clicks, PlayerLinks players, WaitingOrderKeys waiting,
            ClickWaitLock clickWait) {
        this.conversions = conversions;
        this.clicks = clicks;
        this.players = players;
        this.waiting = waiting;
        this.clickWait = clickWait;
    }

    /** For the conversions re-checked one at a time (a new click, a new link, the schedule). */
    Standing perRecord() {
        return new PerRecordStanding(conversions, clicks, players, waiting, clickWait);
    }

    /** For a poll of new conversions: their standing read at once, written by {@link Standing#flush()}. */
    Standing readAtOnce(List<ConversionReported> poll) {
        return PollStanding.read(poll, conversions, clicks, players, waiting, clickWait);
    }
}
