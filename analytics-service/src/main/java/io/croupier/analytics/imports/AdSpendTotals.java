package io.croupier.analytics.imports;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.croupier.events.AdSpendRecorded;
import io.croupier.events.Money;
import io.croupier.runtime.outbox.Outbox;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.problems.InvalidField;
import io.croupier.schemas.Topics;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * This service owns ad spend; commission-service keeps a replica of it for its campaign report. After every change of
 * spend (an import of {@code costs_daily}, {@code POST /ad-spend}) the day's total of each campaign and currency it
 * touched, over all media sources, goes out on the compacted {@code croupier.ad-spend} topic through the outbox, in
 * the change's transaction: both services' ROAS divide by the same spend.
 */
@Component
class AdSpendTotals {

    private final JdbcClient jdbc;

    private final Outbox outbox;

    AdSpendTotals(JdbcClient jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    /** Announces the totals of every campaign, day and currency the import stored or replaced a row of. */
    void announceImported(long importId) {
        Instant now = Instant.now();
        List<AdSpendRecorded> totals = jdbc.sql("""
                select s.campaign, s.day, s.currency, sum(s.amount) as amount from ad_spend s
                where (s.campaign, s.day, s.currency) in (
                    select campaign, day, currency from ad_spend where import_id = :importId)
                group by s.campaign, s.day, s.currency""")
            .param("importId", importId)
            .query((rs, n) -> AdSpendRecorded.newBuilder()
                .setCampaign(rs.getString("campaign"))
                .setDay(rs.getDate("day").toLocalDate())
                .setAmount(new Money(rs.getBigDecimal("amount").toPlainString(), rs.getString("currency")))
                .setRecordedAt(now)
                .build())
            .list();
        totals.forEach(total -> outbox.append(Topics.AD_SPEND, key(total.getCampaign(), total.getDay(),
                total.getAmount().getCurrency()), total));
    }

    /**
     * The day's spend per campaign and currency, over all media sources, by campaign, day and currency from after
     * {@code after} (from the first when it is null): {@code ad_spend_by_campaign} in order, each group summed as the
     * scan passes it.
     */
    List<AdSpendController.AdSpend> list(String campaign, LocalDate from, LocalDate to, Position after, int limit) {
        return jdbc.sql("""
                select campaign, day, currency, sum(amount) as amount from ad_spend
                where (cast(:campaign as text) is null or campaign = :campaign)
                  and (cast(:from as date) is null or day >= :from)
                  and (cast(:to as date) is null or day <= :to)
                  and (cast(:afterCampaign as text) is null
                       or (campaign, day, currency) > (:afterCampaign, :afterDay, :afterCurrency))
                group by campaign, day, currency
                order by campaign, day, currency
                limit :limit""")
            .param("campaign", campaign)
            .param("from", from == null ? null : Date.valueOf(from))
            .param("to", to == null ? null : Date.valueOf(to))
            .param("afterCampaign", after == null ? null : after.campaign())
            .param("afterDay", after == null ? null : Date.valueOf(after.day()))
            .param("afterCurrency", after == null ? null : after.currency())
            .param("limit", limit)
            .query((rs, n) -> new AdSpendController.AdSpend(rs.getString("campaign"), rs.getDate("day").toLocalDate(),
                    rs.getBigDecimal("amount"), rs.getString("currency")))
            .list();
    }

    /**
     * Where a total sits in the list, written in a cursor as its day, currency and campaign on lines of their own, the
     * campaign last so that nothing it holds can shift the others.
     */
    record Position(String campaign, LocalDate day, String currency) {

        static Position of(AdSpendController.AdSpend total) {
            return new Position(total.campaign(), total.day(), total.currency());
        }

        static Position of(Cursor cursor) {
            String[] parts = cursor.id().split("\n", 3);
            try {
                return new Position(parts[2], LocalDate.parse(parts[0]), parts[1]);
            }
            catch (ArrayIndexOutOfBoundsException | DateTimeParseException e) {
                throw new InvalidField("cursor", "is not one this API answered");
            }
        }

        Cursor cursor() {
            return Cursor.of(day + "\n" + currency + "\n" + campaign);
        }
    }

    static String key(String campaign, LocalDate day, String currency) {
        return campaign + "|" + day + "|" + currency;
    }
}
