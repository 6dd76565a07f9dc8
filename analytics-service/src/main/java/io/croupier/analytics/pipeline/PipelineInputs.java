package io.croupier.analytics.pipeline;

import java.time.LocalDate;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The inputs a day has, counted as the pipeline will see them (each fact on the day of its own time). */
@Repository
class PipelineInputs {

    private final JdbcClient jdbc;

    PipelineInputs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Counts of(LocalDate day) {
        PipelineDay range = new PipelineDay(0, day);
        return jdbc.sql("""
                select
                  (select count(*) from provider_purchases where occurred_at >= :start and occurred_at < :end)
                      as provider_purchases,
                  (select count(*) from croupier_deposits
                   where kind <> 'CHARGEBACK' and occurred_at >= :start and occurred_at < :end) as croupier_deposits,
                  (select count(*) from croupier_deposits
                   where kind = 'CHARGEBACK' and occurred_at >= :start and occurred_at < :end) as croupier_chargebacks,
                  (select count(*) from gateway_confirmations
                   where status = 'confirmed' and processed_at >= :start and processed_at < :end) as confirmations,
                  (select count(*) from gateway_confirmations
                   where status = 'chargeback' and processed_at >= :start and processed_at < :end)
                      as gateway_chargebacks,
                  (select count(*) from ad_spend where day = :day) as ad_spend,
                  (select count(*) from sessions where started_at >= :start and started_at < :end) as sessions,
                  (select count(*) from player_events where occurred_at >= :start and occurred_at < :end)
                      as player_events""")
            .param("start", range.startTimestamp())
            .param("end", range.endTimestamp())
            .param("day", range.date())
            .query((rs, n) -> new Counts(day, rs.getLong("provider_purchases"), rs.getLong("croupier_deposits"),
                    rs.getLong("croupier_chargebacks"), rs.getLong("confirmations"),
                    rs.getLong("gateway_chargebacks"), rs.getLong("ad_spend"), rs.getLong("sessions"),
                    rs.getLong("player_events")))
            .single();
    }

    record Counts(LocalDate day, long providerPurchases, long croupierDeposits, long croupierChargebacks,
            long confirmations, long gatewayChargebacks, long adSpend, long sessions, long playerEvents) {
    }
}
