package io.croupier.analytics.deposit;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import io.croupier.analytics.confirmation.PurchaseConfirmations;
import io.croupier.analytics.pipeline.InputsLock;
import io.croupier.analytics.player.PlayerCampaigns;
import io.croupier.events.AttributedConversion;
import io.croupier.events.ConversionKind;
import io.croupier.events.ConversionReported;
import io.croupier.events.ConversionStatus;
import io.croupier.events.Money;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Croupier's own deposits as a purchase source. From every attributed conversion it keeps the approved deposits and
 * first deposits that carry an amount, and every chargeback (negative revenue on the day it is reported). The
 * attributed event id is the row's key, so a redelivered event is stored once. Everything else (registrations,
 * profit, offer conversions, pending or rejected reports, deposits without an amount such as seed 001's FTD
 * postback) is not a purchase and is passed over.
 */
@Component
class CroupierDeposits {

    private static final Logger log = LoggerFactory.getLogger(CroupierDeposits.class);

    private static final Set<ConversionKind> DEPOSITS = Set.of(ConversionKind.DEPOSIT, ConversionKind.FTD);

    private final JdbcClient jdbc;

    private final InputsLock inputs;

    private final PlayerCampaigns campaigns;

    private final PurchaseConfirmations confirmations;

    CroupierDeposits(JdbcClient jdbc, InputsLock inputs, PlayerCampaigns campaigns,
            PurchaseConfirmations confirmations) {
        this.jdbc = jdbc;
        this.inputs = inputs;
        this.campaigns = campaigns;
        this.confirmations = confirmations;
    }

    @Transactional
    void apply(AttributedConversion attributed) {
        ConversionReported conversion = attributed.getConversion();
        ConversionKind kind = conversion.getKind();
        boolean deposit = DEPOSITS.contains(kind) && conversion.getAmount() != null;
        boolean chargeback = kind == ConversionKind.CHARGEBACK;
        if (conversion.getStatus() != ConversionStatus.APPROVED || !(deposit || chargeback)) {
            return;
        }
        Money money = conversion.getAmount();
        BigDecimal amount = money == null ? null : new BigDecimal(money.getAmount()).abs();
        if (amount != null && amount.signum() == 0) {
            log.warn("Ignoring {} {} of amount 0", kind, attributed.getEventId());
            return;
        }
        String playerId = attributed.getPlayerId() != null ? attributed.getPlayerId() : conversion.getPlayerId();
        Instant occurredAt = conversion.getOccurredAt();
        boolean confirmable = deposit && conversion.getTransactionId() != null;
        if (confirmable) {
            confirmations.holdOffConfirmationImports();
        }
        inputs.shared();
        int stored = jdbc.sql("""
                insert into croupier_deposits (event_id, kind, transaction_id, player_id, offer_id, publisher_id,
                    campaign, media_source, amount, currency, occurred_at)
                values (:eventId, :kind, :transaction, :player, :offer, :publisher, :campaign, :source, :amount,
                    :currency, :occurredAt)
                on conflict (event_id) do nothing""")
            .param("eventId", attributed.getEventId())
            .param("kind", kind.name())
            .param("transaction", conversion.getTransactionId())
            .param("player", playerId)
            .param("offer", attributed.getOfferId())
            .param("publisher", attributed.getPublisherId())
            .param("campaign", attributed.getTracking().getCampaign())
            .param("source", attributed.getTracking().getSource())
            .param("amount", amount)
            .param("currency", money == null ? null : money.getCurrency().toUpperCase(Locale.ROOT))
            .param("occurredAt", Timestamp.from(occurredAt))
            .update();
        if (stored == 1 && deposit) {
            campaigns.learn(playerId, attributed.getTracking().getCampaign(), occurredAt);
            if (confirmable) {
                confirmations.announceDeposit(conversion.getTransactionId());
            }
        }
    }
}
