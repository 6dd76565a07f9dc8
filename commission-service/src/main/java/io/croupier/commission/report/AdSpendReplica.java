package io.croupier.commission.report;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;

import io.croupier.events.AdSpendRecorded;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.messaging.handler.annotation.Payload;
import org.springframework.stereotype.Component;

/**
 * The campaign report's copy of ad spend, which analytics-service owns ({@code costs_daily} imports and
 * {@code POST /ad-spend}): each day's total per campaign and currency, read from the compacted
 * {@code croupier.ad-spend} topic, so this service's CPA and ROAS divide by the spend analytics-service's ROAS does.
 */
@Component
class AdSpendReplica {

    private final JdbcClient jdbc;

    AdSpendReplica(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @KafkaListener(topics = Topics.Names.AD_SPEND)
    void on(@Payload(required = false) AdSpendRecorded spend) {
        if (spend == null) {
            return;
        }
        jdbc.sql("""
                insert into ad_spend (campaign, day, currency, amount, updated_at)
                values (:campaign, :day, :currency, :amount, :recordedAt)
                on conflict (campaign, day, currency)
                do update set amount = excluded.amount, updated_at = excluded.updated_at
                where ad_spend.updated_at <= excluded.updated_at""")
            .param("campaign", spend.getCampaign())
            .param("day", Date.valueOf(spend.getDay()))
            .param("currency", spend.getAmount().getCurrency())
            .param("amount", new BigDecimal(spend.getAmount().getAmount()))
            .param("recordedAt", Timestamp.from(spend.getRecordedAt()))
            .update();
    }
}
