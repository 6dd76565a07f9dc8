package io.croupier.commission.ltv;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.croupier.commission.money.Amount;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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

    /** Segments are derived from configurable thresholds on read, so a segment filter looks at this many top rows. */
    private static final int SEGMENT_SCAN_LIMIT = 10_000;

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

    /** The most valuable players first, optionally of one segment. */
    @ErrorAnswer(status = 400, when = "The segment is unknown, or limit is out of range",
            detail = "unknown segment vip, expected one of new_depositor, regular, high_value, no_deposit",
            title = "Bad request")
    @GetMapping("/customers/ltv")
    List<CustomerLtv> top(@RequestParam(required = false) String segment,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int limit) {
        Segment wanted = segment == null ? null : Segment.ofLabel(segment);
        return ltvs.topByRevenue(wanted == null ? limit : SEGMENT_SCAN_LIMIT)
            .stream()
            .map(this::view)
            .filter(row -> wanted == null || row.segment() == wanted)
            .limit(limit)
            .toList();
    }

    private CustomerLtv view(CustomerLtvs.Row row) {
        Segment segment = settings.segmentOf(row.depositCount(), row.totalDeposits().value(), row.currency());
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
