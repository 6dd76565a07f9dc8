package io.croupier.analytics.curated;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.croupier.analytics.pipeline.ComputedByThePipeline;
import io.croupier.analytics.pipeline.PipelineRun;
import io.croupier.analytics.pipeline.PipelineRuns;
import io.croupier.analytics.web.Downloads;
import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code purchases_curated} of a day (yesterday by default): as JSON a page at a time, or as the seed's CSV file,
 * whole.
 */
@Tag(name = "Analytics reports")
@RestController
class CuratedPurchasesController {

    private static final int DEFAULT_PAGE = 1000;

    private static final int MAX_PAGE = 10_000;

    private static final CSVFormat CSV = CSVFormat.RFC4180.builder().setHeader(CuratedPurchase.CSV_HEADER).get();

    private final CuratedPurchases purchases;

    private final PipelineRuns runs;

    CuratedPurchasesController(CuratedPurchases purchases, PipelineRuns runs) {
        this.purchases = purchases;
        this.runs = runs;
    }

    @ComputedByThePipeline
    @GetMapping("/reports/purchases_curated")
    Page page(@RequestParam(required = false) LocalDate day, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long after) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidField("limit", "must be between 1 and " + MAX_PAGE);
        }
        PipelineRun run = runs.latestCompleted(runs.dayOrYesterday(day));
        List<CuratedPurchases.Positioned> rows = purchases.page(run.day(), after == null ? 0 : after, size + 1);
        List<CuratedPurchases.Positioned> shown = rows.subList(0, Math.min(size, rows.size()));
        Long next = rows.size() > size ? shown.get(size - 1).position() : null;
        return new Page(run.day(), run.runId(), run.finishedAt(),
                shown.stream().map(CuratedPurchases.Positioned::purchase).toList(), next);
    }

    @ComputedByThePipeline
    @GetMapping("/reports/purchases_curated.csv")
    void csv(@RequestParam(required = false) LocalDate day, HttpServletResponse response) throws IOException {
        PipelineRun run = runs.latestCompleted(runs.dayOrYesterday(day));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.disposition("purchases_curated.csv"));
        try (Writer writer = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(writer, CSV)) {
            purchases.each(run.day(), purchase -> {
                try {
                    printer.printRecord(purchase.csvRecord());
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * @param next the {@code after} of the next page; null on the last
     */
    record Page(LocalDate day, long runId, Instant computedAt, List<CuratedPurchase> purchases, Long next) {
    }
}
