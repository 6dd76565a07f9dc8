package io.croupier.commission.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.croupier.access.PublisherScope;
import io.croupier.runtime.problems.ErrorAnswer;
import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Totals for a range of UTC days, {@code from} and {@code to} inclusive; the last 30 days by default. */
@Tag(name = "Reports", description = "Totals per publisher, offer and campaign for a range of days: clicks, "
        + "conversions, revenue and payouts, each with its currency.")
@RestController
class ReportController {

    private static final int DEFAULT_DAYS = 30;

    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    /** A publisher's token gets its own publisher's rows only. */
    @ErrorAnswer(status = 400, when = "from is after to, or a date is malformed",
            detail = "from: 2026-11-30 is after to 2026-11-01", title = "Invalid request", field = "from")
    @GetMapping("/reports/publishers")
    List<Reports.Totals> publishers(@RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, PublisherScope scope) {
        return reports.byPublisher(from(from, to), to(to)).stream().filter(totals -> scope.covers(totals.id()))
            .toList();
    }

    @ErrorAnswer(status = 400, when = "from is after to, or a date is malformed",
            detail = "from: 2026-11-30 is after to 2026-11-01", title = "Invalid request", field = "from")
    @GetMapping("/reports/offers")
    List<Reports.Totals> offers(@RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return reports.byOffer(from(from, to), to(to));
    }

    @ErrorAnswer(status = 400, when = "from is after to, or a date is malformed",
            detail = "from: 2026-11-30 is after to 2026-11-01", title = "Invalid request", field = "from")
    @GetMapping("/reports/campaigns")
    List<Reports.CampaignReport> campaigns(@RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to) {
        return reports.byCampaign(from(from, to), to(to));
    }

    private static LocalDate to(LocalDate to) {
        return to == null ? LocalDate.now(ZoneOffset.UTC) : to;
    }

    private static LocalDate from(LocalDate from, LocalDate to) {
        LocalDate start = from == null ? to(to).minusDays(DEFAULT_DAYS - 1) : from;
        if (start.isAfter(to(to))) {
            throw new InvalidField("from", start + " is after to " + to(to));
        }
        return start;
    }
}
