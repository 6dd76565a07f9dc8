package io.croupier.analytics.imports;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.croupier.analytics.imports.AdSpendTotals.Position;
import io.croupier.runtime.audit.AuditTrail;
import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one-row ad spend API callers already use ({@code POST /ad-spend}, once commission-service's), at the owner of
 * ad spend: each call is a {@code costs_daily} import of one row without a media source that replaces what that row
 * said before, so it is validated, logged and announced like any import; the audit trail keeps what it replaced.
 */
@Tag(name = "Ad spend", description = "Daily ad spend per campaign: the one record both ROAS reports read.")
@RestController
class AdSpendController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Importer importer;

    private final AdSpendRows costsDaily;

    private final AdSpendTotals totals;

    private final AuditTrail audit;

    AdSpendController(Importer importer, AdSpendRows costsDaily, AdSpendTotals totals, AuditTrail audit) {
        this.importer = importer;
        this.costsDaily = costsDaily;
        this.totals = totals;
        this.audit = audit;
    }

    /** Records the day's spend of a campaign in one currency, replacing what this API recorded for it before. */
    @ErrorAnswer(status = 400, when = "A field is missing or not valid, or the row breaks an import rule",
            detail = "the ad spend was not recorded: [currency: not an ISO 4217 code]")
    @PostMapping("/ad-spend")
    AdSpend record(@Valid @RequestBody AdSpend spend) {
        byte[] row = JSON.writeValueAsBytes(List.of(Map.of("date", spend.day().toString(), "campaign",
                spend.campaign(), "spend", spend.amount().toPlainString(), "currency", spend.currency())));
        ImportReport report = importer.run(costsDaily, ImportFormat.JSON, "POST /ad-spend", OnConflict.REPLACE,
                new ByteArrayInputStream(row), StandardCharsets.UTF_8, done -> audited(spend, done));
        if (report.rejected() > 0) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "the ad spend was not recorded: " + report.problems().get(0).errors());
            throw new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
        }
        return spend;
    }

    /**
     * The day's spend per campaign and currency, all media sources added, as ROAS divides by it; by campaign, day and
     * currency.
     *
     * @param cursor the {@code next_cursor} of the previous page: the totals after it
     */
    @BadPageRequest
    @GetMapping("/ad-spend")
    CursorPage<AdSpend> list(@RequestParam(required = false) String campaign,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(totals.list(campaign, from, to, after == null ? null : Position.of(after),
                request.fetchSize()), total -> Position.of(total).cursor());
    }

    private void audited(AdSpend spend, ImportReport report) {
        String id = spend.campaign() + "/" + spend.day() + "/" + spend.currency();
        if (report.inserted() == 1) {
            audit.record("create", "ad-spend", id, null, spend);
        }
        report.problems().stream()
            .filter(problem -> "replaced".equals(problem.status()))
            .findFirst()
            .ifPresent(replaced -> audit.record("update", "ad-spend", id,
                    new AdSpend(spend.campaign(), spend.day(),
                            new BigDecimal(replaced.changes().get("amount").stored().asString()), spend.currency()),
                    spend));
    }

    record AdSpend(@NotBlank String campaign, @NotNull LocalDate day,
            @NotNull @DecimalMin("0") BigDecimal amount,
            @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code") String currency) {
    }
}
