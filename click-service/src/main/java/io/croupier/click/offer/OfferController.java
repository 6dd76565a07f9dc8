package io.croupier.click.offer;

import io.croupier.click.offer.OfferRequests.NewOffer;
import io.croupier.click.offer.OfferRequests.OfferChanges;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed 001 admin API for offers. */
@Tag(name = "Offers", description = "Seed 001's offer catalogue with each offer's deal: the casino URL template, "
        + "routing weight, postback secret and partner key (shown in full only when created or rotated), CPA and "
        + "RevShare terms.")
@RestController
@RequestMapping("/admin/offers")
class OfferController {

    private final OfferCatalogue catalogue;

    OfferController(OfferCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The answer is the only place the postback secret and the partner key are shown in full. */
    @ErrorAnswer(status = 400, when = "A field is not valid: every invalid field is listed",
            detail = "name: must not be blank", title = "Invalid request", field = "name")
    @ErrorAnswer(status = 400, when = "A secret sent back as its masked value",
            detail = "postback_secret: is a masked value, not a secret: send the new value, or rotate it with "
                    + "POST /admin/offers/{offer_id}/postback-secret",
            title = "Invalid offer", field = "postback_secret")
    @ErrorAnswer(status = 409, when = "The house slug, partner key or postback secret is another offer's",
            detail = "partner_key: already used by another offer", title = "Already used by another offer",
            field = "partner_key")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OfferResponse create(@Valid @RequestBody NewOffer request) {
        return OfferResponse.revealing(catalogue.create(request));
    }

    /**
     * Seed 001's "list all offers" is a bare array of every offer, which its clients read; a caller that sends
     * {@code limit} or {@code cursor} gets the platform's paged answer instead, oldest offer first.
     */
    @GetMapping
    Object list(@RequestParam(name = "active_only", defaultValue = "false") boolean activeOnly,
            @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        if (cursor == null && limit == null) {
            return catalogue.list(activeOnly).stream().map(OfferResponse::of).toList();
        }
        PageRequest request = PageRequest.of(cursor, limit);
        Cursor after = request.after();
        return request.page(catalogue.page(activeOnly, after == null ? null : after.numericId(), request.fetchSize())
            .stream()
            .map(OfferResponse::of)
            .toList(), offer -> Cursor.of(offer.id()));
    }

    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "No offer with id 42",
            title = "Offer not found")
    @GetMapping("/{offer_id}")
    OfferResponse get(@PathVariable("offer_id") long offerId) {
        return OfferResponse.of(catalogue.get(offerId));
    }

    @ErrorAnswer(status = 400, when = "A field is not valid: every invalid field is listed",
            detail = "name: must not be blank", title = "Invalid request", field = "name")
    @ErrorAnswer(status = 400, when = "A secret sent back as its masked value",
            detail = "postback_secret: is a masked value, not a secret: send the new value, or rotate it with "
                    + "POST /admin/offers/{offer_id}/postback-secret",
            title = "Invalid offer", field = "postback_secret")
    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "No offer with id 42",
            title = "Offer not found")
    @ErrorAnswer(status = 409, when = "The house slug, partner key or postback secret is another offer's",
            detail = "partner_key: already used by another offer", title = "Already used by another offer",
            field = "partner_key")
    @PutMapping("/{offer_id}")
    OfferResponse update(@PathVariable("offer_id") long offerId, @Valid @RequestBody OfferChanges changes) {
        return OfferResponse.of(catalogue.update(offerId, changes));
    }

    /**
     * A new random postback secret, shown once in the answer. The previous one is refused from now on, or, with
     * {@code keep_previous_hours}, still accepted for that long so the casino can switch without a refused postback.
     *
     * @param keepPreviousHours how many hours the previous secret stays accepted, 0 to 720; 0 (after a leak) by
     *        default
     */
    @ErrorAnswer(status = 400, when = "keep_previous_hours is out of range",
            detail = "keep_previous_hours: must be between 0 and 720", title = "Invalid offer",
            field = "keep_previous_hours")
    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "No offer with id 42",
            title = "Offer not found")
    @PostMapping("/{offer_id}/postback-secret")
    OfferResponse rotatePostbackSecret(@PathVariable("offer_id") long offerId,
            @RequestParam(name = "keep_previous_hours", defaultValue = "0") int keepPreviousHours) {
        return OfferResponse.revealing(catalogue.rotatePostbackSecret(offerId, PreviousSecretGrace.ofHours(keepPreviousHours)));
    }

    /**
     * A new random partner key, shown once in the answer. Postbacks to the previous key are refused from now on, or,
     * with {@code keep_previous_hours}, still accepted for that long.
     *
     * @param keepPreviousHours as for the postback secret
     */
    @ErrorAnswer(status = 400, when = "keep_previous_hours is out of range",
            detail = "keep_previous_hours: must be between 0 and 720", title = "Invalid offer",
            field = "keep_previous_hours")
    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "No offer with id 42",
            title = "Offer not found")
    @PostMapping("/{offer_id}/partner-key")
    OfferResponse rotatePartnerKey(@PathVariable("offer_id") long offerId,
            @RequestParam(name = "keep_previous_hours", defaultValue = "0") int keepPreviousHours) {
        return OfferResponse.revealing(catalogue.rotatePartnerKey(offerId, PreviousSecretGrace.ofHours(keepPreviousHours)));
    }

    /** An offer with clicks is deactivated rather than erased; the answer says which happened. */
    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "No offer with id 42",
            title = "Offer not found")
    @DeleteMapping("/{offer_id}")
    DeletionResponse delete(@PathVariable("offer_id") long offerId) {
        OfferCatalogue.Removal removal = catalogue.remove(offerId);
        return new DeletionResponse(offerId, removal.erased() ? "deleted" : "deactivated",
                removal.erased() ? "Offer deleted" : "Offer has clicks: deactivated instead of deleted");
    }

    record DeletionResponse(long id, String status, String message) {
    }
}
