package io.croupier.optimizer.stats;

import java.util.List;

import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Seed 001's performance statistics for every known offer. */
@Tag(name = "Offer statistics", description = "Seed 001's per-offer performance: clicks, first deposits, "
        + "conversion rate, EV and current weight.")
@RestController
class StatsController {

    private final OfferStatistics statistics;

    StatsController(OfferStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/admin/stats")
    List<OfferStats> stats() {
        return statistics.all();
    }
}
