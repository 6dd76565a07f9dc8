package io.croupier.attribution.conversion;

import java.util.Arrays;
import java.util.Map;

import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conversions attribution holds back and keeps re-checking: waiting for their click, their player's link, a recent
 * click, or an earlier conversion of the same click, player or identity. Within the grace period they are
 * {@code PENDING}; after it they are also listed as unattributed, and they still leave this list the moment they are
 * attributed.
 */
@Tag(name = "Clicks and attribution", description = "A click with the conversions attributed to it, and the "
        + "conversions no click or player could be found for.")
@RestController
class ParkedConversionController {

    private final ConversionRepository conversions;

    ParkedConversionController(ConversionRepository conversions) {
        this.conversions = conversions;
    }

    /** @param reason one waiting reason only ({@code CLICK_NOT_FOUND}, {@code WAITING_FOR_EARLIER}, ...) */
    @ErrorAnswer(status = 400,
            when = "limit is out of range, the cursor is not one this API answered, or the reason is not one that "
                    + "waits",
            detail = "cursor is not one this API answered")
    @GetMapping("/conversions/parked")
    CursorPage<ConversionView> parked(@RequestParam(required = false) String reason,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(conversions.parked(waiting(reason), after == null ? 0 : after.numericId(),
                request.fetchSize()), conversion -> Cursor.of(conversion.seq()));
    }

    /** How many conversions are parked now: in all, and per reason (a reason nothing waits for is left out). */
    @GetMapping("/conversions/parked/counts")
    ParkedCounts counts() {
        Map<String, Long> byReason = conversions.parkedByReason();
        return new ParkedCounts(byReason.values().stream().mapToLong(Long::longValue).sum(), byReason);
    }

    private static String waiting(String reason) {
        if (reason == null || reason.isEmpty()) {
            return null;
        }
        return Arrays.stream(UnattributedReason.values())
            .filter(known -> !known.permanent() && known.name().equals(reason))
            .findFirst()
            .map(UnattributedReason::name)
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.BAD_REQUEST, ProblemDetail
                .forStatusAndDetail(HttpStatus.BAD_REQUEST, "reason " + reason + " is not one a conversion waits for"),
                    null));
    }

    record ParkedCounts(long total, Map<String, Long> byReason) {
    }
}
