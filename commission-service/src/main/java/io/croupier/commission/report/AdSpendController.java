package io.croupier.commission.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.croupier.commission.money.Amount;
import io.croupier.runtime.audit.AuditTrail;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Ad spend per campaign and day (seed 002's cost import), the denominator of CPA and ROAS. */
@Tag(name = "Reports")
@RestController
class AdSpendController {

    private final JdbcClient jdbc;

    private final AuditTrail audit;

    AdSpendController(JdbcClient jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /**
     * Records the day's spend of a campaign in one currency, replacing what was recorded for that day before; the
     * audit trail keeps what it replaced.
     */
    @PostMapping("/ad-spend")
    @Transactional
    AdSpend record(@Valid @RequestBody AdSpend spend) {
        Amount amount = new Amount(spend.amount(), spend.currency());
        AdSpend before = jdbc.sql("""
                select campaign, day, amount, currency from ad_spend
                where campaign = :campaign and day = :day and currency = :currency for update""")
            .param("campaign", spend.campaign())
            .param("day", Date.valueOf(spend.day()))
            .param("currency", amount.currency())
            .query(AdSpendController::adSpend)
            .optional()
            .orElse(null);
        jdbc.sql("""
                insert into ad_spend (campaign, day, currency, amount, updated_at)
                values (:campaign, :day, :currency, :amount, :now)
                on conflict (campaign, day, currency)
                do update set amount = excluded.amount, updated_at = excluded.updated_at""")
            .param("campaign", spend.campaign())
            .param("day", Date.valueOf(spend.day()))
            .param("currency", amount.currency())
            .param("amount", amount.value())
            .param("now", Timestamp.from(Instant.now()))
            .update();
        AdSpend recorded = new AdSpend(spend.campaign(), spend.day(), amount.value(), amount.currency());
        audit.record(before == null ? "create" : "update", "ad-spend",
                spend.campaign() + "/" + spend.day() + "/" + amount.currency(), before, recorded);
        return recorded;
    }

    @GetMapping("/ad-spend")
    List<AdSpend> list(@RequestParam(required = false) String campaign,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        return jdbc.sql("""
                select campaign, day, amount, currency from ad_spend
                where (cast(:campaign as text) is null or campaign = :campaign)
                  and (cast(:from as date) is null or day >= :from)
                  and (cast(:to as date) is null or day <= :to)
                order by campaign, day, currency""")
            .param("campaign", campaign)
            .param("from", from == null ? null : Date.valueOf(from))
            .param("to", to == null ? null : Date.valueOf(to))
            .query(AdSpendController::adSpend)
            .list();
    }

    private static AdSpend adSpend(ResultSet rs, int row) throws SQLException {
        return new AdSpend(rs.getString("campaign"), rs.getDate("day").toLocalDate(), rs.getBigDecimal("amount"),
                rs.getString("currency"));
    }

    record AdSpend(@NotBlank String campaign, @NotNull LocalDate day,
            @NotNull @DecimalMin("0") BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
    }
}
