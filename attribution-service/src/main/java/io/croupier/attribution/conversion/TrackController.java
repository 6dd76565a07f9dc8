package io.croupier.attribution.conversion;

import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Seed 002's {@code GET /track}: public (an app calls it on open) and idempotent. */
@Tag(name = "Deeplink tracking", description = "Seed 002's app opens: a click id links the app's user to the click, "
        + "so the user's later conversions are attributed to it.")
@RestController
class TrackController {

    private static final int MAX_ID_LENGTH = 255;

    private final AppOpens appOpens;

    TrackController(AppOpens appOpens) {
        this.appOpens = appOpens;
    }

    @ErrorAnswer(status = 400, when = "click_id or player_id (or device_id) is missing or longer than 255 characters",
            detail = "click_id and player_id (or device_id) are required")
    @ErrorAnswer(status = 404, when = "The click is not known (yet): it may still be on its way",
            detail = "no click 01JD8X3ZK4M2Q7T9V5W6Y1B3C0 (yet): try again shortly")
    @GetMapping("/track")
    @Operation(summary = "Deeplink attribution: links the app user who opened the app through a click to that click, "
            + "so the user's later conversions are attributed to it; repeating it changes nothing")
    ResponseEntity<?> track(@Parameter(description = "the click id the deeplink carried")
            @RequestParam(name = "click_id", required = false) String clickId,
            @Parameter(description = "the casino's player id of the app user")
            @RequestParam(name = "player_id", required = false) String playerId,
            @Parameter(description = "the device id, when the app knows no player id yet")
            @RequestParam(name = "device_id", required = false) String deviceId) {
        String user = playerId != null ? playerId : deviceId;
        if (blank(clickId) || blank(user)) {
            return problem(HttpStatus.BAD_REQUEST, "click_id and player_id (or device_id) are required");
        }
        if (clickId.length() > MAX_ID_LENGTH || user.length() > MAX_ID_LENGTH) {
            return problem(HttpStatus.BAD_REQUEST, "click_id and player_id are at most 255 characters");
        }
        return appOpens.open(clickId, user)
            .<ResponseEntity<?>>map(tracked -> ResponseEntity.ok(new TrackAnswer("tracked", tracked.clickId(),
                    tracked.playerId(), tracked.offerId(), tracked.linkedNow())))
            .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "no click " + clickId + " (yet): try again shortly"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static ResponseEntity<?> problem(HttpStatus status, String detail) {
        return ResponseEntity.of(ProblemDetail.forStatusAndDetail(status, detail)).build();
    }

    /** @param linkedNow false for a repeat, or when the player was already linked (to this or an earlier click) */
    record TrackAnswer(String status, String clickId, String playerId, String offerId, boolean linkedNow) {
    }
}
