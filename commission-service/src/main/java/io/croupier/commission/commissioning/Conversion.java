package io.croupier.commission.commissioning;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.croupier.commission.ledger.Attribution;
import io.croupier.commission.money.Amount;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Tracking;

/**
 * The facts of one attributed conversion that commission decisions read.
 *
 * @param conversionId what postback-service decided makes reports of this conversion one conversion, or null
 * @param postbackLogId the accepted postback it was reported in
 * @param firstDeposit whether it is the player's first deposit, as attribution-service decided, or null when that
 *        question does not arise or has no answer (a player known only by a sub id)
 * @param attribution how attribution-service linked it to its click or player
 */
record Conversion(String eventId, long postbackLogId, String offerId, String publisherId, String clickId,
        String playerId, String subId, String transactionId, String conversionId, String externalOfferId,
        ConversionKind kind, ConversionStatus status, Amount amount, Amount reportedPayout, Boolean firstDeposit,
        String reason, Tracking tracking, Attribution attribution, Instant occurredAt) {

    static Conversion of(AttributedConversion attributed) {
        ConversionReported reported = attributed.getConversion();
        return new Conversion(attributed.getEventId(), reported.getPostbackLogId(), attributed.getOfferId(),
                attributed.getPublisherId(), firstNonNull(attributed.getClickId(), reported.getClickId()),
                firstNonNull(attributed.getPlayerId(), reported.getPlayerId()), reported.getSubId(),
                reported.getTransactionId(), reported.getConversionId(), reported.getExternalOfferId(),
                reported.getKind(), reported.getStatus(),
                Amount.from(reported.getAmount()), Amount.from(reported.getReportedPayout()),
                firstDeposit(attributed), reported.getReason(), attributed.getTracking(),
                new Attribution(attributed.getMethod(), attributed.getWarning(), attributed.getGuessed()),
                reported.getOccurredAt());
    }

    boolean isDeposit() {
        return kind == ConversionKind.DEPOSIT || kind == ConversionKind.FTD;
    }

    /**
     * Who the CPA and the carried loss belong to: the casino's player id, else the affiliate's sub id (seed 003 names
     * nothing else), else the click; null when nothing identifies the player.
     */
    String playerKey() {
        if (playerId != null) {
            return "player:" + playerId;
        }
        if (subId != null) {
            return "sub:" + subId;
        }
        return clickId == null ? null : "click:" + clickId;
    }

    /**
     * Whether the {@link #playerKey} is the affiliate's sub id (seed 003): then every registration under it is another
     * player of that affiliate and may qualify one CPA of its own, while a player known by its own id registers once.
     */
    boolean keyedByAffiliate() {
        return playerId == null && subId != null;
    }

    /**
     * What ties this conversion's reports together in the ledger (seed 004 pending, then approved or rejected; a
     * chargeback and the deposit it takes back): the offer and the conversion id postback-service decided. Null for
     * facts that only happen once per report, such as a seed 003 deposit without transaction id.
     */
    String conversionKey() {
        return conversionId == null ? null : offerId + ":" + conversionId;
    }

    Map<String, String> describe() {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("kind", kind.name());
        inputs.put("status", status.name());
        put(inputs, "amount", amount);
        put(inputs, "reported_payout", reportedPayout);
        if (firstDeposit != null) {
            inputs.put("first_deposit", firstDeposit.toString());
        }
        if (transactionId != null) {
            inputs.put("transaction_id", transactionId);
        }
        if (subId != null) {
            inputs.put("sub_id", subId);
        }
        if (reason != null) {
            inputs.put("reason", reason);
        }
        return inputs;
    }

    private static void put(Map<String, String> inputs, String name, Amount amount) {
        if (amount != null) {
            inputs.put(name, amount.toString());
        }
    }

    /**
     * attribution-service decides it for approved deposits; for anything else (a pending deposit's prospect, a
     * conversion attributed before schema v2) the casino's own word is all there is.
     */
    private static Boolean firstDeposit(AttributedConversion attributed) {
        if (attributed.getFirstDeposit() != null) {
            return attributed.getFirstDeposit();
        }
        ConversionReported reported = attributed.getConversion();
        return reported.getKind() == ConversionKind.FTD ? Boolean.TRUE : reported.getFirstDeposit();
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
