package io.croupier.commission.points;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.croupier.access.Caller;
import io.croupier.access.PublisherScope;
import io.croupier.runtime.problems.ErrorAnswer;
import io.croupier.runtime.problems.InvalidField;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002's {@code /earn} and {@code /balance} on the offerwall users' points that the ledger credits (seed 004).
 * The seed's player spends its own token; here an operator grants to a publisher's user, so the request names both.
 */
@Tag(name = "Points balances", description = "Seed 002's race-free balances: an operator grants points to a "
        + "publisher's user, and anyone allowed reads the balance.")
@RestController
class EarnAndBalanceController {

    private final PointGrants grants;

    private final UserPoints points;

    EarnAndBalanceController(PointGrants grants, UserPoints points) {
        this.grants = grants;
        this.points = points;
    }

    /**
     * Grants points to a publisher's user. A request that names its {@code grant_id} may be retried safely: the same
     * grant again adds nothing and answers as the first time; the same id with other values is a 409.
     */
    @ErrorAnswer(status = 404, when = "No publisher has this id", detail = "no publisher 7")
    @ErrorAnswer(status = 409, when = "The grant id was already used with other values",
            detail = "grant g-1 was already made with other values")
    @PostMapping("/earn")
    PointGrants.Grant earn(@Valid @RequestBody Earn earn, Caller caller) {
        String grantId = earn.grantId() == null ? UUID.randomUUID().toString() : earn.grantId();
        // PostgreSQL keeps microseconds: a retried grant must answer the very instant the first one answered.
        return grants.grant(grantId, earn.publisherId(), earn.userId(), earn.amount(), earn.reason(), caller.name(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    /** A user's balance, zero when it never earned; a publisher always reads its own users, whatever it names. */
    @ErrorAnswer(status = 400, when = "publisher_id is missing (an operator must name the publisher), or user_id is",
            detail = "publisher_id: is required", title = "Invalid request", field = "publisher_id")
    @GetMapping("/balance")
    Balance balance(@RequestParam(name = "publisher_id", required = false) String publisherId,
            @RequestParam(name = "user_id") String userId, PublisherScope scope) {
        String publisher = scope.narrow(publisherId);
        if (publisher == null || publisher.isBlank()) {
            throw new InvalidField("publisher_id", "is required");
        }
        return points.balance(publisher, userId)
            .map(found -> new Balance(publisher, userId, found.points(), found.updatedAt()))
            .orElseGet(() -> new Balance(publisher, userId, BigDecimal.ZERO, null));
    }

    record Earn(@Size(max = 200) String grantId, @NotBlank String publisherId, @NotBlank String userId,
            @NotNull @DecimalMin(value = "0", inclusive = false) BigDecimal amount, @NotBlank String reason) {
    }

    record Balance(String publisherId, String userId, BigDecimal balance, Instant updatedAt) {
    }
}
