package io.croupier.commission.ltv;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.croupier.commission.ltv.CustomerLtvs.Position;
import io.croupier.commission.money.Amount;
import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Customer lifetime value (seed 000): deposits, revenue, segment and predicted value per player. */
@Tag(name = "Customer LTV", description = "Seed 000's customer lifetime value: deposits, revenue, segment "
        + "(new_depositor, regular, high_value) and predicted value per player.")
@RestController
class LtvController {

    static final String PREDICTION_METHOD = "revenue so far x segment multiplier";

    /**
     * Segments are derived from configurable thresholds on read, so a segment's page is filtered from the rows in
     * revenue order, read this many at a time.
     */
    private static final int SEGMENT_SCAN_BATCH = 500;

    private final CustomerLtvs ltvs;

    private final LtvSettings settings;

    LtvController(CustomerLtvs ltvs, LtvSettings settings) {
        this.ltvs = ltvs;
        this.settings = settings;
    }

    @ErrorAnswer(status = 404, when = "The player has no deposits or revenue",
            detail = "no deposits or revenue for player joao123")
    @GetMapping("/customers/{playerId}/ltv")
    List<CustomerLtv> ofPlayer(@PathVariable String playerId) {
        List<CustomerLtv> rows = ltvs.ofPlayer(playerId).stream().map(this::view).toList();
        if (rows.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no deposits or revenue for player " + playerId);
        }
        return rows;
    }

    /**
     * The most valuable players first, optionally of one segment.
     *
     * @param cursor the {@code next_cursor} of the previous page: the players who earned less
     */
    @ErrorAnswer(status = 400, when = "The segment is unknown",
            detail = "segment: unknown segment vip, expected one of new_depositor, regular, high_value, no_deposit",
            title = "Invalid request", field = "segment")
    @BadPageRequest
    @GetMapping("/customers/ltv")
    CursorPage<CustomerLtv> top(@RequestParam(required = false) String segment,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        Segment wanted = segment == null ? null : Segment.ofLabel(segment).orElseThrow(() -> new InvalidField("segment",
                "unknown segment " + segment + ", expected one of new_depositor, regular, high_value, no_deposit"));
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        List<CustomerLtvs.Row> rows = wanted == null
                ? ltvs.byRevenue(after == null ? null : Position.of(after), request.fetchSize())
                : ofSegment(wanted, after == null ? null : Position.of(after), request.fetchSize());
        CursorPage<CustomerLtvs.Row> page = request.page(rows, row -> row.position().cursor());
        return new CursorPage<>(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    private List<CustomerLtvs.Row> ofSegment(Segment wanted, Position after, int count) {
        List<CustomerLtvs.Row> found = new ArrayList<>();
        List<CustomerLtvs.Row> batch;
        do {
            batch = ltvs.byRevenue(after, SEGMENT_SCAN_BATCH);
            for (CustomerLtvs.Row row : batch) {
                if (found.size() < count && segmentOf(row) == wanted) {
                    found.add(row);
                }
            }
            after = batch.isEmpty() ? after : batch.get(batch.size() - 1).position();
        }
        while (found.size() < count && batch.size() == SEGMENT_SCAN_BATCH);
        return found;
    }

    private Segment segmentOf(CustomerLtvs.Row row) {
        return settings.segmentOf(row.depositCount(), row.totalDeposits().value(), row.currency());
    }

    private CustomerLtv view(CustomerLtvs.Row row) {
        Segment segment = segmentOf(row);
        BigDecimal predicted = row.totalRevenue().value().multiply(settings.multiplierOf(segment));
        return new CustomerLtv(row.playerId(), row.offerId(), row.currency(), row.depositCount(),
                row.totalDeposits(), row.totalRevenue(), segment, new Amount(predicted, row.currency()),
                PREDICTION_METHOD, row.firstSeenAt(), row.lastActivityAt());
    }

    /** {@code customer_id} and {@code total_revenue} as seed 000's customer_ltv table names them. */
    record CustomerLtv(String customerId, String offerId, String currency, int depositCount, Amount totalDeposits,
            Amount totalRevenue, Segment segment, Amount predictedValue, String predictionMethod,
            Instant firstSeenAt, Instant lastActivityAt) {
    }
}
