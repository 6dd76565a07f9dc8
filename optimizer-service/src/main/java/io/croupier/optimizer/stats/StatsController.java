package io.croupier.optimizer.stats;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Seed 001's performance statistics for every known offer. */
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
