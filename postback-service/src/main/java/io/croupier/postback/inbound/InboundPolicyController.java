package io.croupier.postback.inbound;

import io.croupier.runtime.paging.BadPageRequest;
import io.croupier.runtime.paging.Cursor;
import io.croupier.runtime.paging.CursorPage;
import io.croupier.runtime.paging.PageRequest;
import io.croupier.runtime.problems.ErrorAnswer;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of inbound authentication: require signatures, rotate the signing secret, set the allow-list. */
@Tag(name = "Inbound authentication", description = "Per offer: whether casinos' calls must be signed, the "
        + "signing secret (rotated with an overlap) and the source addresses allowed.")
@RestController
@RequestMapping("/admin/inbound-auth")
class InboundPolicyController {

    private final InboundPolicyAdministration administration;

    InboundPolicyController(InboundPolicyAdministration administration) {
        this.administration = administration;
    }

    /**
     * The offers that have a policy, by offer id.
     *
     * @param cursor the {@code next_cursor} of the previous page: the offers after it
     */
    @BadPageRequest
    @GetMapping
    CursorPage<InboundPolicyView> all(@RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = PageRequest.DEFAULT_LIMIT) int limit) {
        PageRequest request = new PageRequest(cursor, limit);
        Cursor after = request.after();
        return request.page(administration.after(after == null ? null : after.id(), request.fetchSize()),
                policy -> Cursor.of(policy.offerId()));
    }

    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "no offer 42")
    @GetMapping("/{offer_id}")
    InboundPolicyView get(@PathVariable("offer_id") String offerId) {
        return administration.view(offerId);
    }

    @ErrorAnswer(status = 400, when = "An allowed source is not an IP address or CIDR block",
            detail = "allowed_sources: 10.0.0.0/33 is not an IP address or CIDR range")
    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "no offer 42")
    @ErrorAnswer(status = 409, when = "Signatures are required before the offer has a signing secret",
            detail = "offer 42 has no signing secret yet: create one with POST /admin/inbound-auth/42/signing-secret, "
                    + "hand it to the casino, then require signatures")
    @PutMapping("/{offer_id}")
    InboundPolicyView change(@PathVariable("offer_id") String offerId,
            @Valid @RequestBody InboundPolicyChange change) {
        return administration.change(offerId, change);
    }

    /** The new secret is in this answer and nowhere else, ever. */
    @ErrorAnswer(status = 400, when = "keep_previous_hours is out of range",
            detail = "keep_previous_hours must be between 0 and 720")
    @ErrorAnswer(status = 404, when = "No offer has this id", detail = "no offer 42")
    @PostMapping("/{offer_id}/signing-secret")
    InboundPolicyView rotateSigningSecret(@PathVariable("offer_id") String offerId,
            @RequestParam(name = "keep_previous_hours", defaultValue = "0") int keepPreviousHours) {
        return administration.rotateSecret(offerId, keepPreviousHours);
    }
}
