package io.croupier.optimizer.weights;

import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Seed 001's manual recalculation, and the weight history that explains every change. */
@Tag(name = "Routing weights", description = "Seed 001's EV-based weights: recalculation now, and the history of "
        + "weight sets that explains every change.")
@RestController
class WeightsController {

    private final WeightRecalculation recalculation;

    private final WeightSets weightSets;

    WeightsController(WeightRecalculation recalculation, WeightSets weightSets) {
        this.recalculation = recalculation;
        this.weightSets = weightSets;
    }

    /** Recomputes now, publishes, and answers the new set with its inputs. */
    @ErrorAnswer(status = 409, when = "No active offer is known yet",
            detail = "No active offer is known yet, so there are no weights to compute")
    @PostMapping("/admin/update-weights")
    WeightSet updateWeights() {
        return recalculation.recalculateNow();
    }

    /**
     * The newest sets first, without their entries.
     *
     * @param cursor the {@code next_cursor} of the previous page (older sets)
     */
    @ErrorAnswer(status = 400, when = "limit is out of range, or the cursor is not one this API answered",
            detail = "cursor is not one this API answered")
    @GetMapping("/admin/weight-sets")
    CursorPage<WeightSet> recent(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor before = request.after();
        return request.page(weightSets.recent(before == null ? Long.MAX_VALUE : before.numericId(),
                request.fetchSize()), set -> Cursor.of(set.weightSetId()));
    }

    @ErrorAnswer(status = 404, when = "No weight set has this id", detail = "no weight set 42")
    @GetMapping("/admin/weight-sets/{weightSetId}")
    WeightSet weightSet(@PathVariable long weightSetId) {
        return weightSets.find(weightSetId)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "no weight set " + weightSetId));
    }
}
