package io.croupier.attribution.player;

import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Decides whether an attributed deposit is the player's first: once, here, where the player's history is kept, and
 * the attributed conversion carries the answer to commission-service's CPA rule. The casino's own word (an FTD, or
 * seed 000's {@code is_first_deposit}) is believed when it sent one, and a contradiction with the history is logged;
 * without it, the first approved deposit attributed to the player is the first.
 */
@Component
public class FirstDeposits {

    private static final Logger log = LoggerFactory.getLogger(FirstDeposits.class);

    /**
     * Called once per attributed conversion, after its player is linked, in the attributing transaction.
     *
     * @param history the player's deposits, as the attributing transaction sees them
     *
     * @return {@code null} when the question does not arise (not an approved deposit) or cannot be answered from a
     *         history (no player id: seed 003 names only the affiliate, and the casino sent no flag)
     */
    public Boolean decide(ConversionReported conversion, String offerId, DepositHistory history) {
        boolean deposit = conversion.getKind() == ConversionKind.DEPOSIT || conversion.getKind() == ConversionKind.FTD;
        if (!deposit || conversion.getStatus() != ConversionStatus.APPROVED) {
            return null;
        }
        Boolean casinoSays = conversion.getKind() == ConversionKind.FTD ? Boolean.TRUE : conversion.getFirstDeposit();
        if (conversion.getPlayerId() == null) {
            return casinoSays;
        }
        boolean firstSeen = history.recordDeposit(offerId, conversion.getPlayerId());
        if (casinoSays == null) {
            return firstSeen;
        }
        if (casinoSays != firstSeen) {
            log.warn("{}: the casino says this deposit of player {} (offer {}) is {}the first, but {}; the casino is "
                    + "believed", conversion.getEventId(), conversion.getPlayerId(), offerId, casinoSays ? "" : "not ",
                    firstSeen ? "it is the first seen" : "an earlier one was seen");
        }
        return casinoSays;
    }
}
