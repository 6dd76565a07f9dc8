package io.croupier.commission.points;

import io.croupier.access.PublisherScope;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@Tag(name = "User points", description = "Seed 004's user points: what a publisher's user has earned from "
        + "approved conversions.")
@RestController
class UserPointsController {

    private final UserPoints points;

    UserPointsController(UserPoints points) {
        this.points = points;
    }

    /** An offerwall end user's points balance; the user is the publisher's sub id (sub1) from the click. */
    @ErrorAnswer(status = 404,
            when = "The user has no points with this publisher, or the publisher is not the caller's",
            detail = "user joao123 of publisher 7 has no points")
    @GetMapping("/publishers/{publisherId}/users/{userId}/points")
    UserPoints.Balance balance(@PathVariable String publisherId, @PathVariable String userId, PublisherScope scope) {
        return points.balance(publisherId, userId)
            .filter(balance -> scope.covers(publisherId))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "user " + userId + " of publisher " + publisherId + " has no points"));
    }
}
