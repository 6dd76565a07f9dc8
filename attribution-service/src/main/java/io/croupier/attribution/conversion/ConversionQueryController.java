package io.croupier.attribution.conversion;

import java.util.List;

import io.croupier.access.PublisherScope;
import io.croupier.attribution.click.ClickRepository;
import io.croupier.attribution.click.ClickView;
import io.croupier.attribution.click.StoredClick;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Look-ups for reports and support: a click with its conversions, and the conversions nobody could attribute. */
@Tag(name = "Clicks and attribution", description = "A click with the conversions attributed to it, and the "
        + "conversions no click or player could be found for.")
@RestController
class ConversionQueryController {

    private final ClickRepository clicks;

    private final ConversionRepository conversions;

    ConversionQueryController(ClickRepository clicks, ConversionRepository conversions) {
        this.clicks = clicks;
        this.conversions = conversions;
    }

    /** A publisher sees only its own clicks, and of those only the conversions attributed to it. */
    @ErrorAnswer(status = 404, when = "No click has this id, or it is another publisher's",
            detail = "no click 01JD8X3ZK4M2Q7T9V5W6Y1B3C0")
    @GetMapping("/clicks/{clickId}")
    ClickWithConversions click(@PathVariable String clickId, PublisherScope scope) {
        StoredClick click = clicks.find(clickId)
            .filter(found -> scope.covers(found.publisherId()))
            .orElseThrow(() -> new ErrorResponseException(HttpStatus.NOT_FOUND,
                    ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "no click " + clickId), null));
        return new ClickWithConversions(ClickView.of(click), conversions.ofClick(clickId).stream()
            .filter(conversion -> scope.covers(conversion.publisherId()))
            .toList());
    }

    /** Conversions still unattributed after their grace period, oldest first, with the reason. */
    @GetMapping("/conversions/unattributed")
    CursorPage<ConversionView> unattributed(@RequestParam(name = "offer_id", required = false) String offerId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(conversions.unattributed(offerId, after == null ? 0 : after.numericId(),
                request.fetchSize()), conversion -> Cursor.of(conversion.seq()));
    }

    record ClickWithConversions(ClickView click, List<ConversionView> conversions) {
    }
}
